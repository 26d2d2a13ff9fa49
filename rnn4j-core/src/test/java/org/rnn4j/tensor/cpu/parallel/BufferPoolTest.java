package org.rnn4j.tensor.cpu.parallel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnn4j.autograd.GradMode;
import org.rnn4j.nn.ElmanNetwork;
import org.rnn4j.nn.GRU;
import org.rnn4j.nn.LSTM;
import org.rnn4j.nn.Module;
import org.rnn4j.nn.RNN;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.tensor.Tensor;

/**
 * The workspace pool, and that no scan reads a workspace element before writing it: with every
 * taken array filled with NaN, forward outputs and all gradients stay bit for bit the same.
 */
class BufferPoolTest {
    private static final long CAPACITY = BufferPool.capacityBytes();

    @AfterEach
    void reset() {
        BufferPool.setCapacityBytes(CAPACITY);
        BufferPool.setPoison(false);
        BufferPool.clear();
    }

    @Test
    void defaultCapacityIsAQuarterOfTheHeapAtMost512MiB() {
        if (System.getProperty("rnn4j.workspaceMB") != null) return;
        assertEquals(64L << 20, BufferPool.defaultCapacity(256L << 20));
        assertEquals(512L << 20, BufferPool.defaultCapacity(8L << 30));
    }

    @Test
    void givesBackArraysOfTheExactLength() {
        BufferPool.clear();
        float[] a = BufferPool.take(BufferPool.MIN_POOLED);
        float[] b = BufferPool.take(BufferPool.MIN_POOLED + 1);
        BufferPool.give(a, b);
        assertEquals(4L * (2L * BufferPool.MIN_POOLED + 1), BufferPool.pooledBytes());
        assertSame(b, BufferPool.take(BufferPool.MIN_POOLED + 1));
        assertNotSame(a, BufferPool.take(BufferPool.MIN_POOLED + 2), "no array of another length is handed out");
        assertSame(a, BufferPool.take(BufferPool.MIN_POOLED));
        assertEquals(0L, BufferPool.pooledBytes());
    }

    @Test
    void smallArraysAreNotPooledAndZeroedArraysAreZero() {
        BufferPool.clear();
        float[] small = new float[BufferPool.MIN_POOLED - 1];
        BufferPool.give(small, null);
        assertEquals(0L, BufferPool.pooledBytes());
        float[] big = BufferPool.take(BufferPool.MIN_POOLED);
        java.util.Arrays.fill(big, 7f);
        BufferPool.give(big);
        float[] z = BufferPool.takeZeroed(BufferPool.MIN_POOLED);
        assertSame(big, z);
        for (float v : z) assertEquals(0f, v);
    }

    @Test
    void aDoubleGiveIsCaught() {
        BufferPool.clear();
        float[] a = BufferPool.take(BufferPool.MIN_POOLED);
        BufferPool.give(a);
        assertThrows(IllegalStateException.class, () -> BufferPool.give(a));
    }

    @Test
    void keepsAtMostItsCapacityDroppingTheOldestFirst() {
        BufferPool.clear();
        BufferPool.setCapacityBytes(3L << 20);
        int len = 1 << 18; // 1 MB: three fit
        float[] first = new float[len];
        BufferPool.give(first, new float[len], new float[len], new float[len]);
        assertTrue(BufferPool.pooledBytes() <= BufferPool.capacityBytes());
        assertEquals(3L * 4 * len, BufferPool.pooledBytes());
        List<float[]> back = new ArrayList<>();
        for (int i = 0; i < 3; i++) back.add(BufferPool.take(len));
        for (float[] a : back) assertNotSame(first, a, "the oldest array was dropped");
    }

    static Stream<Arguments> layers() {
        return Stream.of(
                Arguments.of("lstm b64 persistent", (Supplier<Module>) () -> new LSTM(24, 128, 2), 64),
                Arguments.of("lstm b3", (Supplier<Module>) () -> new LSTM(24, 128, 2), 3),
                Arguments.of("lstm bidirectional proj peephole", (Supplier<Module>) () -> new LSTM(24, 96,
                        LSTM.options().bidirectional(true).projSize(40).peephole(true)), 20),
                Arguments.of("lstm bidirectional b64", (Supplier<Module>) () -> new LSTM(24, 128,
                        LSTM.options().bidirectional(true)), 64),
                Arguments.of("gru bidirectional b64", (Supplier<Module>) () -> new GRU(24, 128,
                        GRU.options().bidirectional(true).numLayers(2)), 64),
                Arguments.of("rnn bidirectional b32", (Supplier<Module>) () -> new RNN(24, 160,
                        RNN.options().bidirectional(true)), 32),
                Arguments.of("elman", (Supplier<Module>) () -> new ElmanNetwork(24, 128, 3), 40));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void poisonedWorkspacesChangeNoBit(String name, Supplier<Module> make, int batch) {
        Module m = make.get();
        Tensor x = Tensor.randn(9, batch, 24).requiresGrad(true);
        BufferPool.clear();
        List<float[]> clean = run(m, x);
        BufferPool.setPoison(true);
        List<float[]> poisoned = run(m, x);
        List<float[]> again = run(m, x); // now from the pool, as left by the previous call
        assertEquals(clean.size(), poisoned.size());
        for (int i = 0; i < clean.size(); i++) {
            assertArrayEquals(clean.get(i), poisoned.get(i), name + ": result " + i);
            assertArrayEquals(clean.get(i), again.get(i), name + ": result " + i + " (pooled)");
        }
    }

    /** Inference output, then training output and every gradient (input and parameters). */
    private static List<float[]> run(Module m, Tensor x) {
        List<float[]> r = new ArrayList<>();
        try (var off = GradMode.noGrad()) {
            r.add(output(m, x).toFloatArray());
        }
        m.zeroGrad();
        x.setGrad(null);
        Tensor y = output(m, x);
        r.add(y.toFloatArray());
        y.mul(y).sum().backward();
        r.add(x.grad().toFloatArray());
        for (Tensor p : m.parameters()) r.add(p.grad().toFloatArray());
        return r;
    }

    private static Tensor output(Module m, Tensor x) {
        if (m instanceof Recurrent r) return r.run(x).output();
        return ((ElmanNetwork) m).forward(x).output();
    }
}
