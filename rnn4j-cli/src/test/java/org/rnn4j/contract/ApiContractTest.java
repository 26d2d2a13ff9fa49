package org.rnn4j.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.io.SafeTensors;
import org.rnn4j.nn.Activation;
import org.rnn4j.nn.CellState;
import org.rnn4j.nn.ElmanNetwork;
import org.rnn4j.nn.GRU;
import org.rnn4j.nn.GRUCell;
import org.rnn4j.nn.JordanNetwork;
import org.rnn4j.nn.LSTM;
import org.rnn4j.nn.LSTMCell;
import org.rnn4j.nn.LSTMOutput;
import org.rnn4j.nn.Linear;
import org.rnn4j.nn.MSELoss;
import org.rnn4j.nn.Module;
import org.rnn4j.nn.RNN;
import org.rnn4j.nn.RNNCell;
import org.rnn4j.nn.RecurrentOutput;
import org.rnn4j.optim.Adam;
import org.rnn4j.optim.SGD;
import org.rnn4j.tensor.Tensor;

/**
 * Every name that ../shared/API.md lists, used once as the contract says: code outside this
 * repository compiles against them, so a rename or removal must fail this build.
 */
class ApiContractTest {
    @Test
    void tensor() {
        Tensor.manualSeed(1);
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertArrayEquals(new int[] {2, 3}, a.shape());
        assertEquals(2, a.dim());
        assertEquals(3, a.size(-1));
        assertEquals(6, a.toFloatArray().length);
        assertEquals(0, Tensor.zeros(2).sum().item());
        assertEquals(2, Tensor.ones(2).sum().item());
        assertEquals(4, Tensor.randn(2, 2).toFloatArray().length);
        assertEquals(4, Tensor.rand(2, 2).toFloatArray().length);
        Tensor w = Tensor.ones(3, 2).requiresGrad(true);
        assertTrue(w.requiresGrad());
        Tensor y = a.add(a).sub(a).mul(a).div(a).matmul(w).tanh().sigmoid().relu().reshape(4).transpose(0, 0);
        Tensor loss = y.sum().add(y.mean());
        loss.backward();
        assertNotNull(w.grad());
        assertNull(a.grad());
        assertTrue(!y.detach().requiresGrad());
        assertEquals(7f, Tensor.zeros(2).fill(7f).toFloatArray()[1]);
    }

    @Test
    void modulesOptionsAndForward() {
        Tensor x = Tensor.randn(5, 2, 3);
        RecurrentOutput r = new RNN(3, 4, RNN.options().numLayers(2).bias(true).batchFirst(false).dropout(0.0)
                .bidirectional(true).nonlinearity(Activation.RELU)).forward(x, Tensor.zeros(4, 2, 4));
        assertArrayEquals(new int[] {5, 2, 8}, r.output().shape());
        assertArrayEquals(new int[] {4, 2, 4}, r.h().shape());
        assertArrayEquals(new int[] {5, 2, 4}, new RNN(3, 4).forward(x).output().shape());
        assertArrayEquals(new int[] {3, 2, 4}, new RNN(3, 4, 3).forward(x).h().shape());

        LSTM lstm = new LSTM(3, 4, LSTM.options().projSize(2).activation(Activation.TANH)
                .gateActivation(Activation.SIGMOID).peephole(true));
        LSTMOutput o = lstm.forward(x, Tensor.zeros(1, 2, 2), Tensor.zeros(1, 2, 4));
        assertArrayEquals(new int[] {1, 2, 4}, o.c().shape());
        assertArrayEquals(new int[] {5, 2, 4}, new LSTM(3, 4, 1).forward(x).output().shape());
        assertTrue(lstm.namedParameters().containsKey("weight_ci_l0"));
        assertTrue(lstm.namedParameters().containsKey("weight_hr_l0"));

        assertArrayEquals(new int[] {5, 2, 4}, new GRU(3, 4, GRU.options().numLayers(1)).forward(x, null).output().shape());
        assertArrayEquals(new int[] {1, 2, 4}, new GRU(3, 4).forward(x).h().shape());
        assertEquals(3, new GRU(3, 4, 3).forward(x).h().size(0));

        Tensor xb = Tensor.randn(2, 3);
        assertArrayEquals(new int[] {2, 4}, new RNNCell(3, 4, RNNCell.options().bias(false)
                .nonlinearity(Activation.TANH)).forward(xb, Tensor.zeros(2, 4)).shape());
        assertArrayEquals(new int[] {4}, new RNNCell(3, 4).forward(Tensor.randn(3)).shape());
        CellState cs = new LSTMCell(3, 4).forward(xb, Tensor.zeros(2, 4), Tensor.zeros(2, 4));
        assertArrayEquals(new int[] {2, 4}, cs.c().shape());
        assertArrayEquals(new int[] {2, 4}, new LSTMCell(3, 4, LSTMCell.options()).forward(xb).h().shape());
        assertArrayEquals(new int[] {2, 4}, new GRUCell(3, 4, GRUCell.options()).forward(xb).shape());
        assertArrayEquals(new int[] {2, 4}, new GRUCell(3, 4).forward(xb, Tensor.zeros(2, 4)).shape());

        var elman = new ElmanNetwork(3, 4, 2, ElmanNetwork.options().activation(Activation.TANH)
                .outputActivation(Activation.IDENTITY).bias(true).batchFirst(false)).forward(x);
        assertArrayEquals(new int[] {5, 2, 2}, elman.output().shape());
        assertArrayEquals(new int[] {2, 4}, elman.h().shape());
        var jordan = new JordanNetwork(3, 4, 2, JordanNetwork.options()).forward(x);
        assertArrayEquals(new int[] {5, 2, 2}, jordan.output().shape());

        Linear lin = new Linear(4, 1, false);
        assertArrayEquals(new int[] {2, 1}, new Linear(4, 1).forward(Tensor.randn(2, 4)).shape());
        Tensor mse = new MSELoss().forward(lin.forward(Tensor.randn(2, 4)), Tensor.zeros(2, 1));
        assertEquals(0, mse.dim());
        assertEquals("LSTM(100, 20, num_layers=4, batch_first=True)",
                new LSTM(100, 20, LSTM.options().numLayers(4).batchFirst(true)).toString());
    }

    @Test
    void moduleStateAndOptimizers(@TempDir Path dir) throws Exception {
        Module m = new LSTM(2, 3);
        Map<String, Tensor> named = m.namedParameters();
        List<Tensor> params = m.parameters();
        assertEquals(named.size(), params.size());
        Map<String, Tensor> state = m.stateDict();
        m.loadStateDict(state);
        m.train();
        m.eval();
        Tensor loss = ((LSTM) m).forward(Tensor.randn(3, 1, 2)).output().sum();
        loss.backward();
        Adam adam = new Adam(params, 1e-3);
        adam.step();
        adam.zeroGrad();
        SGD sgd = new SGD(params, 0.1);
        sgd.step();
        sgd.zeroGrad();
        m.zeroGrad();
        // The options reach the optimizers (PyTorch's param_groups.0 entries).
        Adam tuned = new Adam(params, Adam.options().lr(1e-2).betas(0.9, 0.99).eps(1e-8).weightDecay(0).amsgrad(true));
        assertEquals(1e-2, tuned.lr());
        assertEquals(0.9, tuned.momentum());
        assertEquals(1f, tuned.stateDict().get("param_groups.0.amsgrad").item());
        SGD nesterov = new SGD(params, SGD.options().lr(0.1).momentum(0.9).dampening(0).nesterov(true).weightDecay(0));
        assertEquals(0.1, nesterov.lr());
        assertEquals(0.9, nesterov.momentum());
        assertEquals(1f, nesterov.stateDict().get("param_groups.0.nesterov").item());

        Path f = dir.resolve("m.safetensors");
        SafeTensors.save(f, state);
        SafeTensors.save(f, state, Map.of("k", "v"));
        assertEquals(state.keySet(), SafeTensors.load(f).keySet());
        assertEquals("v", SafeTensors.metadata(f).get("k"));
    }
}
