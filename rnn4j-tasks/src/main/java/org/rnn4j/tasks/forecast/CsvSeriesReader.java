package org.rnn4j.tasks.forecast;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a series from CSV (RFC 4180 as Apache Commons CSV reads it: quoted fields, commas and line
 * breaks inside quotes, CRLF or LF; UTF-8 with or without a byte-order mark). The first row names
 * the columns. Empty cells and {@code NA}, {@code N/A}, {@code NaN}, {@code null}, {@code None}
 * are missing values; they and skipped times (see {@link TimeColumn}) are filled by linear
 * interpolation. Every problem is a {@link SeriesFormatException} naming the row and column.
 */
public final class CsvSeriesReader {
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Set<String> MISSING = Set.of("", "na", "n/a", "nan", "null", "none");
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).setTrim(true).get();

    private CsvSeriesReader() {}

    /** Reads {@code file}; the file's name prefixes every error message. */
    public static Series read(Path file, SeriesSpec spec) throws IOException {
        return read(file.toString(), Files.readAllBytes(file), spec);
    }

    /** Reads CSV bytes; {@code source} names them in error messages. */
    public static Series read(String source, byte[] content, SeriesSpec spec) throws SeriesFormatException {
        List<CSVRecord> records = records(source, content);
        if (records.isEmpty()) throw new SeriesFormatException(source, 0, null, "the file is empty (expected a header row)");
        List<String> header = records.get(0).toList();
        int target = column(source, header, spec.target());
        int[] features = new int[spec.features().size()];
        for (int f = 0; f < features.length; f++) features[f] = column(source, header, spec.features().get(f));
        int time = timeColumn(source, header, spec, target, features);
        int rows = records.size() - 1;
        if (rows == 0) throw new SeriesFormatException(source, 0, null, "the file has a header but no data rows");

        String[] times = new String[rows];
        double[] targetCells = new double[rows];
        double[][] featureCells = new double[features.length][rows];
        for (int i = 0; i < rows; i++) {
            CSVRecord r = records.get(i + 1);
            if (r.size() != header.size()) {
                throw new SeriesFormatException(source, i + 2, null, "has " + r.size() + " fields but the header has "
                        + header.size());
            }
            if (time >= 0) times[i] = r.get(time);
            targetCells[i] = number(source, i + 2, header.get(target), r.get(target));
            for (int f = 0; f < features.length; f++) {
                featureCells[f][i] = number(source, i + 2, header.get(features[f]), r.get(features[f]));
            }
        }
        TimeColumn.Parsed grid = time >= 0 ? TimeColumn.parse(source, header.get(time), times) : byRow(rows);
        int n = grid.length();
        double[] y = spread(targetCells, grid.positions(), n);
        boolean[] observed = new boolean[n];
        for (int k = 0; k < n; k++) observed[k] = !Double.isNaN(y[k]);
        int filled = fill(source, spec.target(), y);
        double[][] x = new double[features.length][];
        for (int f = 0; f < features.length; f++) {
            x[f] = spread(featureCells[f], grid.positions(), n);
            filled += fill(source, spec.features().get(f), x[f]);
        }
        return new Series(source, time >= 0 ? header.get(time) : null, spec.target(), spec.features(), grid.axis(),
                y, x, observed, filled, n - rows);
    }

    private static List<CSVRecord> records(String source, byte[] content) throws SeriesFormatException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            throw new SeriesFormatException(source, 0, null, "not UTF-8 text (" + e.getMessage() + ")");
        }
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        if (text.indexOf('\0') >= 0) throw new SeriesFormatException(source, 0, null, "not a text file (it holds NUL bytes)");
        List<CSVRecord> out = new ArrayList<>();
        try (CSVParser parser = CSVParser.builder().setReader(new java.io.StringReader(text)).setFormat(FORMAT).get()) {
            for (CSVRecord r : parser) out.add(r);
        } catch (IOException | UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
            throw new SeriesFormatException(source, out.size() + 1, null, "malformed CSV ("
                    + Arrays.stream(String.valueOf(rootMessage(e)).split("\\R")).findFirst().orElse("") + ")");
        }
        return out;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    private static int column(String source, List<String> header, String name) throws SeriesFormatException {
        int at = header.indexOf(name);
        if (at < 0) {
            throw new SeriesFormatException(source, 1, name, "no such column (the header has "
                    + String.join(", ", header.stream().map(h -> "'" + TimeColumn.shorten(h) + "'").toList()) + ")");
        }
        if (header.lastIndexOf(name) != at) {
            throw new SeriesFormatException(source, 1, name, "two columns have this name");
        }
        return at;
    }

    private static int timeColumn(String source, List<String> header, SeriesSpec spec, int target, int[] features)
            throws SeriesFormatException {
        if (spec.time() != null) return column(source, header, spec.time());
        if (target == 0 || Arrays.stream(features).anyMatch(f -> f == 0)) return -1;
        return 0;
    }

    private static TimeColumn.Parsed byRow(int rows) {
        int[] pos = new int[rows];
        for (int i = 0; i < rows; i++) pos[i] = i;
        return new TimeColumn.Parsed(TimeAxis.rows(), pos, rows);
    }

    /** A cell's value, NaN if missing. */
    static double number(String source, int row, String column, String cell) throws SeriesFormatException {
        String s = cell.strip();
        if (MISSING.contains(s.toLowerCase(Locale.ROOT))) return Double.NaN;
        if (!NUMBER.matcher(s).matches()) {
            throw new SeriesFormatException(source, row, column, "'" + TimeColumn.shorten(s) + "' is not a number");
        }
        double v = Double.parseDouble(s);
        if (!Double.isFinite(v)) throw new SeriesFormatException(source, row, column, s + " is too large a number");
        return v;
    }

    private static double[] spread(double[] cells, int[] positions, int n) {
        double[] v = new double[n];
        Arrays.fill(v, Double.NaN);
        for (int i = 0; i < cells.length; i++) v[positions[i]] = cells[i];
        return v;
    }

    private static int fill(String source, String column, double[] v) throws SeriesFormatException {
        int filled = Interpolation.fill(v);
        if (filled < 0) throw new SeriesFormatException(source, 0, column, "the column has no numeric value");
        return filled;
    }
}
