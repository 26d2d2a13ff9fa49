package org.rnn4j.tasks.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The CSV reader on random bytes, CSV-like noise (ragged rows, stray quotes, BOMs, CRLF, empty
 * input) and on valid series written in random styles: always a correct parse or a
 * {@link SeriesFormatException} with a one-line message, never another exception.
 */
class CsvSeriesReaderFuzzTest {
    private static final SeriesSpec SPEC = new SeriesSpec(null, "y", List.of("x"));

    @Property(tries = 3_000)
    void randomBytesParseOrFailCleanly(@ForAll byte[] bytes) {
        check(bytes);
    }

    @Property(tries = 3_000)
    void csvLikeNoiseParsesOrFailsCleanly(@ForAll("noise") String text) {
        check(text.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 1_000)
    void validSeriesInAnyStyleReadBackExactly(@ForAll("series") Written w) throws SeriesFormatException {
        Series s = CsvSeriesReader.read("fuzz.csv", w.bytes(), SPEC);
        assertArrayEquals(w.y(), s.target(), 0);
        assertArrayEquals(w.x(), s.features()[0], 0);
        assertEquals(0, s.filled());
        assertEquals(TimeAxis.Kind.DATE, s.axis().kind());
        assertEquals("daily", s.axis().frequency());
    }

    private static void check(byte[] bytes) {
        try {
            Series s = CsvSeriesReader.read("fuzz.csv", bytes, SPEC);
            assertNotNull(s);
            assertTrue(s.length() > 0);
            for (double v : s.target()) assertTrue(Double.isFinite(v));
        } catch (SeriesFormatException e) {
            String m = e.getMessage();
            assertTrue(m.startsWith("fuzz.csv: "), m);
            assertEquals(-1, m.indexOf('\n'), "one line: " + m);
        }
    }

    @Provide
    Arbitrary<String> noise() {
        Arbitrary<String> cell = Arbitraries.oneOf(
                Arbitraries.strings().withChars("0123456789.-eE,\"\r\n xyT:").ofMaxLength(8),
                Arbitraries.of("1", "2.5", "", "NA", "\"1,5\"", "\"", "2020-01-01", "2020-01", "3", "y", "x", "t"));
        Arbitrary<String> row = cell.list().ofMinSize(0).ofMaxSize(4).map(l -> String.join(",", l));
        Arbitrary<String> body = row.list().ofMaxSize(8).map(l -> String.join("\n", l));
        Arbitrary<String> header = Arbitraries.of("t,y,x", "y,x", "t,y", "\"t\",\"y\",\"x\"", "t,y,x,y", "");
        Arbitrary<String> prefix = Arbitraries.of("", "\uFEFF");
        Arbitrary<String> newline = Arbitraries.of("\n", "\r\n", "\r");
        return Combinators.combine(prefix, header, newline, body).as((p, h, nl, b) -> p + h + nl + b.replace("\n", nl));
    }

    /** A valid series and the bytes of one way to write it. */
    record Written(byte[] bytes, double[] y, double[] x) {}

    @Provide
    Arbitrary<Written> series() {
        Arbitrary<double[]> values = Arbitraries.doubles().between(-1e6, 1e6).ofScale(3).array(double[].class)
                .ofMinSize(1).ofMaxSize(30);
        return Combinators.combine(values, Arbitraries.of(true, false), Arbitraries.of(true, false),
                Arbitraries.of(true, false)).as(CsvSeriesReaderFuzzTest::write);
    }

    private static Written write(double[] y, boolean bom, boolean crlf, boolean quoted) {
        double[] x = new double[y.length];
        String nl = crlf ? "\r\n" : "\n";
        StringBuilder sb = new StringBuilder(bom ? "\uFEFF" : "");
        sb.append(quoted ? "\"t\",\"note, with comma\",\"y\",x" : "t,note,y,x").append(nl);
        for (int i = 0; i < y.length; i++) {
            x[i] = i * 0.5;
            String date = java.time.LocalDate.of(2020, 1, 1).plusDays(i).toString();
            String note = quoted ? "\"a, \"\"quoted\"\" note\"" : "n" + i;
            sb.append(date).append(',').append(note).append(',').append(quoted ? "\"" + y[i] + "\"" : y[i])
                    .append(',').append(x[i]).append(nl);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(sb.toString().getBytes(StandardCharsets.UTF_8));
        return new Written(out.toByteArray(), y, x);
    }
}
