package org.rnn4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rnn4j.nn.ModuleBadInputTest.fails;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnn4j.tensor.Generator;
import org.rnn4j.tensor.Tensor;

/**
 * Sequential beyond the PyTorch fixtures (ModuleParityTest): forward is the composition of the
 * children's forwards, train/eval reach nested children, indexing, and children without a
 * one-tensor forward are refused by index and class.
 */
class SequentialTest {
    @Test
    void forwardIsTheCompositionOfTheChildren() {
        Tensor.manualSeed(1);
        Linear a = new Linear(3, 4);
        Tanh t = new Tanh();
        Linear b = new Linear(4, 2);
        Sequential s = new Sequential(a, t, b);
        Tensor x = Tensor.randn(5, 3);
        assertArrayEquals(b.forward(t.forward(a.forward(x))).toFloatArray(), s.forward(x).toFloatArray());
        assertSame(x, new Sequential().forward(x), "an empty Sequential passes its input on");
    }

    @Test
    void trainAndEvalReachNestedChildren() {
        Dropout inner = new Dropout(0.5, new Generator(2));
        Sequential s = new Sequential(new Linear(2, 2), new Sequential(new ReLU(), inner));
        s.eval();
        assertFalse(inner.isTraining());
        Tensor x = Tensor.ones(3, 2);
        Tensor h = ((Linear) s.get(0)).forward(x).relu();
        assertArrayEquals(h.toFloatArray(), s.forward(x).toFloatArray(), "eval: the dropout is the identity");
        s.train();
        assertTrue(inner.isTraining());
    }

    @Test
    void indexingAndNames() {
        Linear first = new Linear(2, 3);
        Sigmoid last = new Sigmoid();
        Sequential s = new Sequential(first, new ReLU(), last);
        assertEquals(3, s.size());
        assertSame(first, s.get(0));
        assertSame(last, s.get(-1));
        assertEquals(List.of("0.weight", "0.bias"), List.copyOf(s.namedParameters().keySet()));
        fails(() -> s.get(3), "index 3 is out of range");
        fails(() -> s.get(-4), "index -4 is out of range");
    }

    @Test
    void childrenWithoutAOneTensorForwardAreRefused() {
        fails(() -> new Sequential(new Linear(2, 2), new LSTM(2, 3)), "module 1 (LSTM)", "forward(Tensor)");
        fails(() -> new Sequential(new Tanh(), new ReLU(), new MSELoss()), "module 2 (MSELoss)");
        fails(() -> new Sequential(new Tanh(), null), "module 1 is null");
        fails(() -> new Sequential((Module[]) null), "must not be null");
        fails(() -> new Sequential().forward(null), "must not be null");
    }

    @Test
    void activationModules() {
        Tensor x = Tensor.of(new float[] {-2, 0, 3}, 3);
        assertArrayEquals(x.tanh().toFloatArray(), new Tanh().forward(x).toFloatArray());
        assertArrayEquals(new float[] {0, 0, 3}, new ReLU().forward(x).toFloatArray());
        assertArrayEquals(x.sigmoid().toFloatArray(), new Sigmoid().forward(x).toFloatArray());
        assertEquals("ReLU()", new ReLU().toString());
        fails(() -> new Tanh().forward(null), "must not be null");
    }
}
