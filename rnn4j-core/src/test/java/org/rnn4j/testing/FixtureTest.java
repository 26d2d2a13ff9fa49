package org.rnn4j.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.rnn4j.io.SafeTensors;
import org.rnn4j.tensor.Tensor;

class FixtureTest {
    @TempDir
    Path dir;

    @Test
    void exposesMetadataTensorsAndParams() throws IOException {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("param.weight", Tensor.of(new float[] {1, 2}, 1, 2));
        t.put("x", Tensor.of(new float[] {3}, 1));
        t.put("grad.param.weight", Tensor.of(new float[] {4, 5}, 1, 2));
        t.put("param.bias", Tensor.of(new float[] {6}, 1));
        Map<String, String> meta = Map.of("case", "c1", "bias", "true", "n", "7", "bad", "yes");
        Path p = dir.resolve("c1.safetensors");
        SafeTensors.save(p, t, meta);
        Fixture f = Fixture.load(p);
        assertEquals("c1", f.name());
        assertTrue(f.flag("bias"));
        assertEquals(7, f.integer("n"));
        assertEquals(List.of("weight", "bias"), List.copyOf(f.params().keySet()));
        assertTrue(f.has("x"));
        assertFalse(f.has("y"));
        Tensor x = f.tensor("x").requiresGrad(true);
        assertFalse(f.tensor("x").requiresGrad(), "each call returns a fresh copy");
        assertTrue(x.requiresGrad());
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> f.meta("missing"));
        assertTrue(e.getMessage().contains("c1") && e.getMessage().contains("missing"), e.getMessage());
        assertThrows(AssertionFailedError.class, () -> f.flag("bad"));
        assertThrows(AssertionFailedError.class, () -> f.integer("bad"));
        assertThrows(AssertionFailedError.class, () -> f.tensor("nope"));
    }

    @Test
    void assertCloseAcceptsWithinToleranceAndNaNPairs() {
        Tensor e = Tensor.of(new float[] {1f, 0f, Float.NaN, 100f}, 2, 2);
        Tensor a = Tensor.of(new float[] {1.000009f, 9e-7f, Float.NaN, 100.0009f}, 2, 2);
        Fixture.assertClose("case", "out", e, a, 1e-5, 1e-6);
    }

    @Test
    void assertCloseNamesCaseQuantityWorstElementAndMaxError() {
        Tensor e = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor a = Tensor.of(new float[] {1, 2, 3.1f, 4, 5, 6.01f}, 2, 3);
        AssertionFailedError err = assertThrows(AssertionFailedError.class,
                () -> Fixture.assertClose("LSTM_x", "grad.h0", e, a, 1e-4, 1e-5));
        String m = err.getMessage();
        for (String part : List.of("LSTM_x", "grad.h0", "at [0, 2]", "expected 3.0", "actual 3.1", "2 of 6")) {
            assertTrue(m.contains(part), "'" + m + "' should contain '" + part + "'");
        }
    }

    @Test
    void assertCloseRejectsShapeMismatchNaNAndInfinity() {
        assertThrows(AssertionFailedError.class, () -> Fixture.assertClose("c", "y", Tensor.zeros(2, 3),
                Tensor.zeros(3, 2), 1, 1));
        assertThrows(AssertionFailedError.class, () -> Fixture.assertClose("c", "y", Tensor.zeros(1),
                Tensor.of(new float[] {Float.NaN}, 1), 1, 1));
        assertThrows(AssertionFailedError.class, () -> Fixture.assertClose("c", "y",
                Tensor.of(new float[] {Float.POSITIVE_INFINITY}, 1), Tensor.of(new float[] {1e30f}, 1), 1e-5, 1e-6));
        assertThrows(AssertionFailedError.class, () -> Fixture.assertClose("c", "y", Tensor.zeros(1), null, 1, 1));
    }

    @Test
    void everyCommittedFixtureLoadsWithItsBaseMetadata() {
        int n = 0;
        for (String m : List.of("RNN", "LSTM", "GRU", "RNNCell", "LSTMCell", "GRUCell", "Linear", "MSELoss", "optim")) {
            List<Path> files = Fixture.all(m);
            assertFalse(files.isEmpty(), "no fixtures for " + m);
            for (Path p : files) {
                Fixture f = Fixture.load(p);
                assertEquals(m, f.meta("module"), p.toString());
                assertEquals(p.getFileName().toString(), f.name() + ".safetensors");
                n++;
            }
        }
        assertTrue(n > 200, "expected a few hundred fixtures, found " + n);
    }
}
