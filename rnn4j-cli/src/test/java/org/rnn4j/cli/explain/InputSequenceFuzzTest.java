package org.rnn4j.cli.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The {@code --input} parser (the one text format the CLI reads besides safetensors) on random
 * and near-valid strings: always a rectangular finite result or an IllegalArgumentException
 * naming the problem, never another exception.
 */
class InputSequenceFuzzTest {
    @Property(tries = 5_000)
    void randomTextParsesOrFailsCleanly(@ForAll("text") String text) {
        check(text);
    }

    @Property(tries = 5_000)
    void nearValidTextParsesOrFailsCleanly(@ForAll("nearValid") String text) {
        check(text);
    }

    private static void check(String text) {
        try {
            float[][] xs = InputSequence.parse(text);
            assertTrue(xs.length > 0);
            for (float[] step : xs) {
                assertEquals(xs[0].length, step.length);
                for (float v : step) assertTrue(Float.isFinite(v));
            }
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage() != null && e.getMessage().contains("--input"), e.getMessage());
        }
    }

    @Provide
    Arbitrary<String> text() {
        return Arbitraries.strings().withChars("0123456789.,;-+eE naNIfity\t").ofMaxLength(40);
    }

    @Provide
    Arbitrary<String> nearValid() {
        Arbitrary<String> number = Arbitraries.oneOf(
                Arbitraries.floats().map(String::valueOf),
                Arbitraries.of("", " ", "1e39", "-1e39", "NaN", "Infinity", "0x1p3", "1,", ";", "1.2.3", "--1"));
        Arbitrary<String> step = number.list().ofMinSize(1).ofMaxSize(4).map(l -> String.join(",", l));
        return step.list().ofMinSize(1).ofMaxSize(5).map(l -> String.join(";", l));
    }
}
