package org.rnn4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.io.SafeTensors;
import org.rnn4j.tensor.Tensor;

class StateDictsTest {
    private static final double[] AWKWARD = {1e-3, 0.1, 0.999, 1e-8, Math.PI, -2.5e-7, 1e30, 1e-30, 1e-310,
        Double.MIN_VALUE, Double.MAX_VALUE, -0.0, 0.0, 0.5, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, (double) (1L << 40) + 1, Double.longBitsToDouble(0x7ff8dead0000beefL)};

    @Test
    void everyDoubleSurvivesBitForBitThroughAFile(@TempDir Path dir) throws Exception {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (int i = 0; i < AWKWARD.length; i++) StateDicts.putDouble(out, "v" + i, AWKWARD[i]);
        SplittableRandom rnd = new SplittableRandom(7);
        double[] random = new double[200];
        for (int i = 0; i < random.length; i++) {
            random[i] = Double.longBitsToDouble(rnd.nextLong());
        }
        StateDicts.putDoubles(out, "random", random);
        Path file = dir.resolve("s.safetensors");
        SafeTensors.save(file, out);
        Map<String, Tensor> in = SafeTensors.load(file);
        for (int i = 0; i < AWKWARD.length; i++) {
            assertEquals(Double.doubleToRawLongBits(AWKWARD[i]),
                    Double.doubleToRawLongBits(StateDicts.getDouble(in, "v" + i)), "value " + AWKWARD[i]);
        }
        double[] back = StateDicts.getDoubles(in, "random", random.length);
        for (int i = 0; i < random.length; i++) {
            assertEquals(Double.doubleToRawLongBits(random[i]), Double.doubleToRawLongBits(back[i]), "random " + i);
        }
    }

    @Test
    void floatExactValuesGetNoCompanionAndReadAsThemselves() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        StateDicts.putDouble(out, "half", 0.5);
        StateDicts.putLong(out, "step", 1 << 24);
        StateDicts.putBool(out, "flag", true);
        StateDicts.putDoubles(out, "pair", 0.25, 2.0);
        assertEquals(java.util.List.of("half", "step", "flag", "pair"), java.util.List.copyOf(out.keySet()));
        assertArrayEquals(new int[0], out.get("half").shape());
        assertArrayEquals(new int[] {2}, out.get("pair").shape());
        assertEquals(1 << 24, StateDicts.getInt(out, "step"));
        assertTrue(StateDicts.getBool(out, "flag"));
    }

    @Test
    void largeIntegersStayExact() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        StateDicts.putLong(out, "step", (1 << 24) + 1);
        assertTrue(out.containsKey("step.f64"));
        assertEquals((1 << 24) + 1, StateDicts.getInt(out, "step"));
    }

    @Test
    void anEditedValueWinsOverItsStaleCompanion() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        StateDicts.putDouble(out, "lr", 1e-3);
        out.get("lr").fill(0.25f);
        assertEquals(0.25, StateDicts.getDouble(out, "lr"), 0.0);
    }

    @Test
    void badCompanionsAndValuesAreRejectedNamingTheKey() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        StateDicts.putDouble(out, "lr", 1e-3);
        out.put("lr.f64", Tensor.of(new float[] {1.5f, 0f, 0f}, 3));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StateDicts.getDouble(out, "lr"))
                .getMessage().contains("lr.f64"));
        out.put("lr.f64", Tensor.zeros(2));
        String m = assertThrows(IllegalArgumentException.class, () -> StateDicts.getDouble(out, "lr")).getMessage();
        assertTrue(m.contains("lr.f64") && m.contains("[3]") && m.contains("[2]"), m);
        out.put("n", Tensor.scalar(3.5f));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StateDicts.getInt(out, "n"))
                .getMessage().contains("expected an integer, got 3.5"));
        assertEquals("missing key 'x' in state dict",
                assertThrows(IllegalArgumentException.class, () -> StateDicts.getDouble(out, "x")).getMessage());
        assertFalse(StateDicts.isExactCompanion("lr"));
    }
}
