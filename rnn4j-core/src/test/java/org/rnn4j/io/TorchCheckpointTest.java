package org.rnn4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnn4j.nn.LSTM;
import org.rnn4j.nn.Linear;
import org.rnn4j.nn.MSELoss;
import org.rnn4j.nn.Module;
import org.rnn4j.optim.Adam;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.testing.Fixture;

/**
 * Training that PyTorch stopped continues in Java: PyTorch 1.13 trained LSTM(3, 8) + Linear(8, 1)
 * with Adam for 3 steps and wrote an rnn4j checkpoint (tools/make_checkpoint_fixture.py); Java
 * restores it into a model and an Adam built with other hyper-parameters, takes PyTorch's next 5
 * batches, and after each step its parameters equal PyTorch's to the end-to-end training parity
 * tolerance (rtol 1e-4, atol 1e-6, as OptimParityTest).
 */
class TorchCheckpointTest {
    private static final double RTOL = 1e-4;
    private static final double ATOL = 1e-6;

    /** PyTorch's Net: lstm, head. */
    static final class Net extends Module {
        final LSTM lstm = registerModule("lstm", new LSTM(3, 8));
        final Linear head = registerModule("head", new Linear(8, 1));
    }

    @Test
    void javaContinuesWherePyTorchStopped() throws IOException {
        Path dir = Fixture.root().resolve("checkpoint");
        Map<String, Tensor> next = SafeTensors.load(dir.resolve("torch_next5.safetensors"));
        Net net = new Net();
        Adam adam = new Adam(net.parameters(), Adam.options().lr(0.5).betas(0.5, 0.5)); // overwritten by the state
        Checkpoint c = Checkpoints.restore(dir.resolve("torch_step3.safetensors"), TrainingState.of(net).optimizer(adam));
        assertEquals(3, c.step());
        assertEquals(1e-2, adam.lr(), 0.0);
        assertEquals(1e-4, adam.config().weightDecay(), 0.0);
        for (int s = 4; s <= 8; s++) {
            adam.zeroGrad();
            Tensor y = net.head.forward(net.lstm.forward(next.get("x." + s)).output());
            new MSELoss().forward(y, next.get("target." + s)).backward();
            adam.step();
            for (Map.Entry<String, Tensor> p : net.namedParameters().entrySet()) {
                Tensor want = next.get("param." + s + "." + p.getKey());
                assertTrue(want != null, p.getKey());
                Fixture.assertClose("step " + s, p.getKey(), want, p.getValue(), RTOL, ATOL);
            }
        }
    }

    /** The file PyTorch wrote is a sound checkpoint on its own (format, checksum, parts). */
    @Test
    void theTorchFileVerifies() throws IOException {
        Path file = Fixture.root().resolve("checkpoint").resolve("torch_step3.safetensors");
        Checkpoints.verify(file);
        Checkpoint values = Checkpoints.read(file);
        assertEquals(0, values.epoch());
        assertTrue(values.tensors().isEmpty());
    }
}
