package org.rnn4j.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnn4j.internal.TensorAccess;
import org.rnn4j.nn.RNNCell;
import org.rnn4j.tensor.Tensor;

/** The tape's semantics, each as PyTorch defines it. */
class AutogradSemanticsTest {

    private static Tensor leaf(float... v) {
        return Tensor.of(v, v.length).requiresGrad(true);
    }

    @Test
    void gradientsAccumulateAcrossTwoBackwardCalls() {
        Tensor x = leaf(1f, 2f, 3f);
        x.mul(x).sum().backward();          // 2x
        assertArrayEquals(new float[] {2f, 4f, 6f}, x.grad().toFloatArray());
        x.mul(3f).sum().backward();         // + 3
        assertArrayEquals(new float[] {5f, 7f, 9f}, x.grad().toFloatArray());
    }

    @Test
    void accumulationDoesNotAliasTheIncomingGradient() {
        // the first gradient stored must be a copy: accumulating later must not write into the
        // tensor that backward produced (or into another leaf's grad)
        Tensor x = leaf(1f, 2f);
        Tensor y = leaf(1f, 2f);
        x.add(y).sum().backward();
        x.sum().backward();
        assertArrayEquals(new float[] {2f, 2f}, x.grad().toFloatArray());
        assertArrayEquals(new float[] {1f, 1f}, y.grad().toFloatArray());
    }

    @Test
    void detachCutsTheGraph() {
        Tensor x = leaf(1f, 2f);
        Tensor d = x.detach();
        assertFalse(d.requiresGrad());
        assertNull(TensorAccess.gradFn(d));
        x.mul(x.detach()).sum().backward();   // d/dx (x * const) = const
        assertArrayEquals(new float[] {1f, 2f}, x.grad().toFloatArray());
        // a detached value shares storage, like PyTorch
        assertSame(TensorAccess.storage(x), TensorAccess.storage(d));
    }

    @Test
    void detachOfAnIntermediateStopsGradientsUpstream() {
        Tensor x = leaf(2f);
        Tensor h = x.mul(x);
        Tensor y = h.detach().mul(x).add(h);  // h treated as constant in the first term
        y.sum().backward();
        assertArrayEquals(new float[] {4f + 4f}, x.grad().toFloatArray()); // h + 2x
    }

    @Test
    void noGradRecordsNothing() {
        Tensor x = leaf(1f, 2f);
        Tensor y;
        try (var off = GradMode.noGrad()) {
            assertFalse(GradMode.isEnabled());
            y = x.mul(2f).add(x).tanh().sum();
            Tensor m = x.reshape(2, 1).transpose(0, 1).matmul(x.unsqueeze(1));
            assertNull(TensorAccess.gradFn(m));
            assertFalse(m.requiresGrad());
            RNNCell cell = new RNNCell(2, 3);
            Tensor h = cell.forward(x.unsqueeze(0));
            assertNull(TensorAccess.gradFn(h));
            assertFalse(h.requiresGrad());
        }
        assertTrue(GradMode.isEnabled());
        assertNull(TensorAccess.gradFn(y));
        assertFalse(y.requiresGrad());
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().contains("does not require grad"), e.getMessage());
        assertNull(x.grad());
    }

    @Test
    void noGradScopesNestAndEnableGradReenables() {
        try (var a = GradMode.noGrad()) {
            try (var b = GradMode.enableGrad()) {
                assertTrue(GradMode.isEnabled());
                assertNotNull(TensorAccess.gradFn(leaf(1f).mul(2f)));
                try (var c = GradMode.noGrad()) {
                    assertFalse(GradMode.isEnabled());
                }
                assertTrue(GradMode.isEnabled());
            }
            assertFalse(GradMode.isEnabled());
        }
        assertTrue(GradMode.isEnabled());
    }

    @Test
    void gradModeIsPerThread() throws Exception {
        try (var off = GradMode.noGrad()) {
            boolean[] other = new boolean[1];
            Thread t = new Thread(() -> other[0] = GradMode.isEnabled());
            t.start();
            t.join();
            assertTrue(other[0], "another thread must still record");
        }
    }

    @Test
    void aTensorUsedTwiceGetsSummedGradients() {
        Tensor x = leaf(1f, -2f, 3f);
        Tensor a = x.mul(2f);
        Tensor b = x.square();
        a.add(b).add(x).sum().backward();     // 2 + 2x + 1
        assertArrayEquals(new float[] {5f, -1f, 9f}, x.grad().toFloatArray());
    }

    @Test
    void anIntermediateUsedTwiceGetsSummedGradients() {
        Tensor x = leaf(0.5f, 1.5f);
        Tensor h = x.mul(3f);                 // consumed by three ops
        Tensor y = h.mul(h).add(h).sum().add(Tensor.cat(List.of(h, h), 0).sum());
        y.backward();                         // dy/dh = 2h + 1 + 2, times 3
        assertArrayEquals(new float[] {3f * (2f * 1.5f + 3f), 3f * (2f * 4.5f + 3f)}, x.grad().toFloatArray());
    }

    @Test
    void backwardTwiceThroughTheSameGraphThrows() {
        Tensor x = leaf(1f, 2f);
        Tensor loss = x.mul(x).sum();
        loss.backward();
        IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
        assertTrue(e.getMessage().startsWith("Trying to backward through the graph a second time"), e.getMessage());
        assertArrayEquals(new float[] {2f, 4f}, x.grad().toFloatArray(), "the failed call must not accumulate");
    }

    @Test
    void backwardTwiceThroughAFusedLayerThrows() {
        RNNCell cell = new RNNCell(2, 3);
        Tensor loss = cell.forward(Tensor.ones(1, 2)).sum();
        loss.backward();
        IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
        assertTrue(e.getMessage().startsWith("Trying to backward through the graph a second time"), e.getMessage());
    }

    @Test
    void requiresGradFalseOnANonLeafThrowsWithPyTorchsMessage() {
        Tensor y = leaf(1f).mul(2f);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> y.requiresGrad(false));
        assertTrue(e.getMessage().startsWith("you can only change requires_grad flags of leaf variables."),
                e.getMessage());
        assertTrue(y.requiresGrad());
    }

    @Test
    void requiresGradTrueOnANonLeafThatRequiresGradIsANoOpAsInPyTorch() {
        Tensor y = leaf(1f).mul(2f);
        assertSame(y, y.requiresGrad(true));
        assertNotNull(TensorAccess.gradFn(y));
    }

    @Test
    void requiresGradOnALeafSetsTheFlag() {
        Tensor x = Tensor.ones(2);
        assertFalse(x.requiresGrad());
        assertSame(x, x.requiresGrad(true));
        assertTrue(x.requiresGrad());
        x.requiresGrad(false);
        assertFalse(x.requiresGrad());
    }

    @Test
    void backwardOnANonScalarThrowsWithPyTorchsMessage() {
        Tensor y = leaf(1f, 2f).mul(2f);
        RuntimeException e = assertThrows(RuntimeException.class, y::backward);
        assertTrue(e.getMessage().startsWith("grad can be implicitly created only for scalar outputs"),
                e.getMessage());
    }

    @Test
    void backwardWithAnExplicitGradientOfTheWrongShapeOrNullThrows() {
        Tensor y = leaf(1f, 2f).mul(2f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> y.backward(Tensor.ones(3)));
        assertTrue(e.getMessage().contains("[3]") && e.getMessage().contains("[2]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> y.backward(null));
    }

    @Test
    void backwardOfAOneElementNonScalarShapeWorks() {
        Tensor x = leaf(3f);
        x.mul(x).reshape(1, 1).backward();
        assertEquals(6f, x.grad().item());
    }

    @Test
    void gradientsFlowOnlyToInputsThatRequireThem() {
        Tensor x = leaf(1f, 2f);
        Tensor c = Tensor.of(new float[] {3f, 4f}, 2);
        x.mul(c).sum().backward();
        assertNull(c.grad());
        assertArrayEquals(new float[] {3f, 4f}, x.grad().toFloatArray());
    }

    @Test
    void aLeafRootBackwardsIntoItself() {
        Tensor x = Tensor.of(new float[] {5f}).requiresGrad(true);
        x.backward();
        assertEquals(1f, x.grad().item());
    }
}
