package org.rnn4j.cli.explain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a {@link Trace} as text: the equations, then one aligned table with a row per named
 * vector and a column per time step, e.g.
 * <pre>
 *        t=0     t=1       t=2
 * x      [1, 1]  [1, 1]    [2, 2]
 * a      [2, 2]  [6, 6]    [16, 16]
 * </pre>
 */
public final class TraceTable {
    private TraceTable() {}

    /** 4 → "4", 0.5 → "0.5", 1/3 → "0.3333", 2e-9 → "2e-09"; at most 4 decimals. */
    public static String number(float v) {
        if (Float.isNaN(v) || Float.isInfinite(v)) return Float.toString(v);
        if (v == 0f) return "0";
        double a = Math.abs(v);
        if (a < 1e-4 || a >= 1e7) return String.format("%.3g", v).replace("e-0", "e-").replace("e+0", "e+")
                .replace("e+", "e");
        String s = new BigDecimal(Float.toString(v)).setScale(4, java.math.RoundingMode.HALF_EVEN)
                .stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    static String vector(float[] v) {
        List<String> parts = new ArrayList<>();
        for (float f : v) parts.add(number(f));
        return "[" + String.join(", ", parts) + "]";
    }

    public static String render(Trace tr) {
        StringBuilder sb = new StringBuilder(tr.title()).append('\n');
        for (String e : tr.equations()) sb.append("  ").append(e).append('\n');
        sb.append('\n');
        List<String> names = tr.names();
        int cols = tr.steps() + 1;
        String[][] cells = new String[names.size() + 1][cols];
        cells[0][0] = "";
        for (int t = 0; t < tr.steps(); t++) cells[0][t + 1] = "t=" + t;
        for (int r = 0; r < names.size(); r++) {
            cells[r + 1][0] = names.get(r);
            for (int t = 0; t < tr.steps(); t++) cells[r + 1][t + 1] = vector(tr.get(t, names.get(r)));
        }
        int[] width = new int[cols];
        for (String[] row : cells) {
            for (int c = 0; c < cols; c++) width[c] = Math.max(width[c], row[c].length());
        }
        for (String[] row : cells) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < cols; c++) {
                line.append(row[c]);
                if (c < cols - 1) line.append(" ".repeat(width[c] - row[c].length() + 2));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }
}
