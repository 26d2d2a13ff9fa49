package org.rnn4j.nn;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.rnn4j.tensor.Tensor;

/**
 * Bad input to the losses: an IllegalArgumentException naming the expected and the actual value
 * (shapes, dtypes, the offending target), in PyTorch's words where PyTorch has them.
 */
class LossBadInputTest {
    private static void fails(Executable body, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, body);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "message \"" + e.getMessage() + "\" lacks \"" + f + "\"");
        }
    }

    private static Tensor idx(long... v) {
        return Tensor.ofLongs(v, v.length);
    }

    private final Tensor x = Tensor.zeros(3, 5);

    @Test
    void crossEntropyTargets() {
        CrossEntropyLoss ce = new CrossEntropyLoss();
        fails(() -> ce.forward(x, idx(7, 0, 0)), "Target 7 is out of bounds.", "[0, 5)", "-100");
        fails(() -> ce.forward(x, idx(-1, 0, 0)), "Target -1 is out of bounds.");
        fails(() -> ce.forward(x, idx(1, 0)), "Expected input batch_size (3) to match target batch_size (2).");
        fails(() -> ce.forward(Tensor.zeros(2, 5, 4), Tensor.ofLongs(new long[6], 2, 3)),
                "Expected target size [2, 4], got [2, 3]");
        fails(() -> ce.forward(Tensor.zeros(5), idx(1)), "Expected target size [], got [1]");
        fails(() -> ce.forward(x, Tensor.of(new float[] {1, 0, 0}, 3)), "expected scalar type Long but found Float",
                "[3]");
        fails(() -> ce.forward(x, Tensor.zeros(3, 4)), "[3]", "[3, 4]");
        fails(() -> ce.forward(x, Tensor.ofLongs(new long[15], 3, 5)),
                "Expected floating point type for target with class probabilities, got Long");
        fails(() -> ce.forward(Tensor.scalar(1f), idx(0).reshape()), "Expected 1 or more dimensions (got 0)");
        fails(() -> ce.forward(Tensor.ofLongs(new long[15], 3, 5), idx(1, 0, 0)), "input", "FLOAT32", "INT64");
        fails(() -> ce.forward(Tensor.zeros(3, 0), idx(0, 0, 0)), "Target 0 is out of bounds.");
        fails(() -> ce.forward(null, idx(1)), "input", "null");
        fails(() -> ce.forward(x, null), "target", "null");
    }

    @Test
    void crossEntropyOptions() {
        fails(() -> CrossEntropyLoss.options().labelSmoothing(1.5), "label_smoothing must be between 0.0 and 1.0."
                + " Got: 1.5");
        fails(() -> CrossEntropyLoss.options().labelSmoothing(-0.5), "Got: -0.5");
        fails(() -> CrossEntropyLoss.options().labelSmoothing(Double.NaN), "Got: NaN");
        fails(() -> CrossEntropyLoss.options().reduction(null), "reduction");
        fails(() -> CrossEntropyLoss.options().weight(Tensor.ones(2, 2)), "weight", "[2, 2]");
        fails(() -> new CrossEntropyLoss(null), "options");
        CrossEntropyLoss weighted = new CrossEntropyLoss(CrossEntropyLoss.options().weight(Tensor.ones(4)));
        fails(() -> weighted.forward(x, idx(1, 0, 0)),
                "weight tensor should be defined either for all 5 classes or no classes but got weight tensor of shape:"
                        + " [4]");
        fails(() -> weighted.forward(x, Tensor.zeros(3, 5)), "all 5 classes", "[4]");
        CrossEntropyLoss ignoring = new CrossEntropyLoss(CrossEntropyLoss.options().ignoreIndex(1));
        fails(() -> ignoring.forward(x, Tensor.zeros(3, 5)), "ignore_index is not supported for floating point target",
                "1");
    }

    @Test
    void nllLoss() {
        NLLLoss nll = new NLLLoss();
        fails(() -> nll.forward(x, idx(7, 0, 0)), "Target 7 is out of bounds.");
        fails(() -> nll.forward(x, Tensor.zeros(3, 5)), "expected scalar type Long but found Float", "[3, 5]");
        fails(() -> nll.forward(Tensor.scalar(1f), idx(0).reshape()), "Expected 1 or more dimensions (got 0)");
        fails(() -> nll.forward(x, idx(0, 0, 0, 0)), "Expected input batch_size (3) to match target batch_size (4).");
        fails(() -> new NLLLoss(NLLLoss.options().weight(Tensor.ones(6))).forward(x, idx(0, 1, 2)),
                "all 5 classes", "[6]");
        fails(() -> NLLLoss.options().weight(Tensor.ofLongs(new long[5], 5)), "weight", "INT64");
        fails(() -> NLLLoss.options().reduction(null), "reduction");
    }

    @Test
    void bceWithLogits() {
        BCEWithLogitsLoss bce = new BCEWithLogitsLoss();
        fails(() -> bce.forward(x, Tensor.zeros(3, 4)), "Target size ([3, 4]) must be the same as input size ([3, 5])");
        fails(() -> bce.forward(x, Tensor.ofLongs(new long[15], 3, 5)), "target", "FLOAT32", "INT64");
        fails(() -> new BCEWithLogitsLoss(BCEWithLogitsLoss.options().posWeight(Tensor.ones(4))).forward(x,
                Tensor.zeros(3, 5)), "pos_weight of shape [4]", "[3, 5]",
                "The expanded size of the tensor (5) must match the existing size (4)");
        fails(() -> BCEWithLogitsLoss.options().posWeight(Tensor.ofLongs(new long[3], 3)), "pos_weight", "INT64");
        fails(() -> bce.forward(null, x), "input", "null");
    }

    @Test
    void regressionLosses() {
        fails(() -> new HuberLoss(Reduction.MEAN, 0), "huber_loss does not support non-positive values for delta",
                "0.0");
        fails(() -> new HuberLoss(Reduction.MEAN, Double.NaN), "delta", "NaN");
        fails(() -> new SmoothL1Loss(Reduction.MEAN, -1), "smooth_l1_loss does not support negative values for beta",
                "-1.0");
        fails(() -> new L1Loss(null), "reduction");
        fails(() -> new MSELoss(null), "reduction");
        for (Module m : new Module[] {new MSELoss(), new L1Loss(), new HuberLoss(), new SmoothL1Loss()}) {
            String name = m.getClass().getSimpleName();
            Executable shape = () -> forward(m, Tensor.zeros(2), Tensor.zeros(3));
            fails(shape, name, "[2]", "[3]");
            fails(() -> forward(m, Tensor.zeros(2), Tensor.ofLongs(new long[2], 2)), name, "target", "INT64");
            fails(() -> forward(m, null, Tensor.zeros(2)), name, "null");
        }
    }

    private static Tensor forward(Module m, Tensor a, Tensor b) {
        if (m instanceof MSELoss l) return l.forward(a, b);
        if (m instanceof L1Loss l) return l.forward(a, b);
        if (m instanceof HuberLoss l) return l.forward(a, b);
        return ((SmoothL1Loss) m).forward(a, b);
    }
}
