package org.rnn4j.tensor;

import java.util.Locale;

/** PyTorch-style printing of a tensor's values: nested brackets, four decimals. */
final class TensorFormat {
    private TensorFormat() {}

    /** {@code [[a, b],\n [c, d]]} for row-major values of the given shape. */
    static void values(StringBuilder sb, float[] v, int[] shape, int indent) {
        values(sb, v, shape, 0, 0, indent);
    }

    private static int values(StringBuilder sb, float[] v, int[] shape, int d, int pos, int indent) {
        if (d == shape.length) {
            sb.append(String.format(Locale.ROOT, "%.4f", v[pos]));
            return pos + 1;
        }
        sb.append('[');
        for (int i = 0; i < shape[d]; i++) {
            if (i > 0) {
                sb.append(',');
                if (d < shape.length - 1) sb.append('\n').append(" ".repeat(indent + d + 1));
                else sb.append(' ');
            }
            pos = values(sb, v, shape, d + 1, pos, indent);
        }
        sb.append(']');
        return pos;
    }
}
