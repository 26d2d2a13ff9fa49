package org.rnn4j.spark;

import java.util.List;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;

/**
 * Reads a sequence from a cell: an array of numbers (Parquet, a DataFrame) or a string of numbers
 * separated by semicolons or blanks (CSV, which has no arrays: {@code "112;118;132"}).
 */
final class SequenceValues {
    private static final Pattern SEPARATORS = Pattern.compile("[;\\s]+");

    private SequenceValues() {}

    /** Whether a column of {@code type} can hold sequences. */
    static boolean readable(DataType type) {
        return type.equals(DataTypes.StringType)
                || type instanceof ArrayType a && a.elementType() instanceof NumericType;
    }

    /** The finite values of cell {@code i} of {@code row}, or null if it is empty or holds anything else. */
    static double[] read(Row row, int i) {
        if (row.isNullAt(i)) return null;
        Object cell = row.get(i);
        double[] v;
        if (cell instanceof String s) {
            String t = s.strip();
            if (t.isEmpty()) return null;
            String[] parts = SEPARATORS.split(t);
            v = new double[parts.length];
            try {
                for (int k = 0; k < parts.length; k++) v[k] = Double.parseDouble(parts[k]);
            } catch (NumberFormatException e) {
                return null;
            }
        } else {
            List<Object> list = row.getList(i);
            v = new double[list.size()];
            for (int k = 0; k < v.length; k++) {
                if (!(list.get(k) instanceof Number n)) return null;
                v[k] = n.doubleValue();
            }
        }
        for (double x : v) if (!Double.isFinite(x)) return null;
        return v;
    }
}
