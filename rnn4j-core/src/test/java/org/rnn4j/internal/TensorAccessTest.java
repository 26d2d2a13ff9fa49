package org.rnn4j.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;
import org.rnn4j.autograd.GradMode;
import org.rnn4j.internal.autograd.LambdaNode;
import org.rnn4j.tensor.Tensor;

/** The engine's hooks reach a tensor's storage and tape links, and cannot be replaced. */
class TensorAccessTest {
    @Test
    void storageOffsetAndWrapDescribeViewsWithoutCopying() {
        float[] data = {0, 1, 2, 3, 4, 5};
        Tensor t = TensorAccess.wrap(data, 2, 3);
        assertSame(data, TensorAccess.storage(t));
        Tensor row = t.select(0, 1);
        assertSame(data, TensorAccess.storage(row));
        assertEquals(3, TensorAccess.offset(row));
        assertEquals(2, TensorAccess.offset(t.narrow(1, 2, 1)));
        long[] longs = {7, 8};
        assertArrayEquals(longs, TensorAccess.wrapLongs(longs, 2).toLongArray());
        assertThrows(IllegalArgumentException.class, () -> TensorAccess.storage(Tensor.ofLongs(longs, 2)));
        assertThrows(IllegalArgumentException.class, () -> TensorAccess.wrap(new float[5], 2, 3));
    }

    @Test
    void tapeLinksAndRecording() {
        Tensor leaf = Tensor.ones(2).requiresGrad(true);
        Tensor plain = Tensor.ones(2);
        assertTrue(TensorAccess.recording(plain, leaf, null));
        assertFalse(TensorAccess.recording(plain, null));
        try (var off = GradMode.noGrad()) {
            assertFalse(TensorAccess.recording(leaf));
            assertNull(TensorAccess.gradFn(TensorAccess.record(Tensor.zeros(2), "X", g -> new Tensor[] {g}, leaf)));
        }
        Tensor out = TensorAccess.record(Tensor.zeros(2), "TwiceBackward", g -> new Tensor[] {g.mul(2f)}, leaf);
        assertEquals("TwiceBackward", TensorAccess.gradFn(out).name());
        assertEquals(0, TensorAccess.outputIndex(out));
        out.sum().backward();
        assertArrayEquals(new float[] {2, 2}, leaf.grad().toFloatArray());
        Tensor second = TensorAccess.setGradFn(Tensor.zeros(2), new LambdaNode("Two", g -> null, leaf), 1);
        assertEquals(1, TensorAccess.outputIndex(second));
        assertTrue(second.requiresGrad() && !second.isLeaf());
        TensorAccess.accumulateGrad(leaf, Tensor.ones(2));
        assertArrayEquals(new float[] {3, 3}, leaf.grad().toFloatArray());
    }

    @Test
    void theHooksCannotBeReplaced() {
        assertThrows(IllegalStateException.class, () -> TensorAccess.register(null));
        assertArrayEquals(new float[] {1}, TensorAccess.wrap(new float[] {1}, 1).toFloatArray());
    }

    /** In a fresh class loader where no Tensor exists yet, the first call here initialises Tensor. */
    @Test
    void worksWhenCalledBeforeTensorIsLoaded() throws Exception {
        URL classes = Tensor.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader fresh = new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader())) {
            Class<?> access = Class.forName(TensorAccess.class.getName(), true, fresh);
            Method wrap = access.getMethod("wrap", float[].class, int[].class);
            Object t = wrap.invoke(null, new float[] {1, 2}, new int[] {2});
            assertEquals("tensor([1.0000, 2.0000])", t.toString());
            assertTrue(t.getClass().getClassLoader() == fresh);
        }
    }
}
