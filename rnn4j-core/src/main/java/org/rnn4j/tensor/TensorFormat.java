package org.rnn4j.tensor;

import java.util.Locale;

/**
 * PyTorch-style printing: {@code tensor([[a, b],\n        [c, d]])}. FLOAT32 values print with
 * four decimals, then {@code grad_fn} or {@code requires_grad}; INT64 values print as PyTorch
 * prints {@code torch.int64}: right-aligned to a common width, a blank line between the blocks of
 * a 3-D or larger tensor, and the dtype (and size) spelled out when there are no elements.
 */
final class TensorFormat {
    private static final int INDENT = "tensor(".length();

    private TensorFormat() {}

    static String format(Tensor t) {
        StringBuilder sb = new StringBuilder("tensor(");
        if (t.longs != null) return longs(sb, t.toLongArray(), t.shape).append(')').toString();
        float[] v = t.toFloatArray();
        String[] cells = new String[v.length];
        for (int i = 0; i < v.length; i++) cells[i] = String.format(Locale.ROOT, "%.4f", v[i]);
        nested(sb, cells, t.shape, 0, 0, false);
        if (t.gradFn != null) sb.append(", grad_fn=<").append(t.gradFn.name()).append('>');
        else if (t.requiresGrad) sb.append(", requires_grad=True");
        return sb.append(')').toString();
    }

    private static StringBuilder longs(StringBuilder sb, long[] v, int[] shape) {
        if (v.length == 0) {
            sb.append("[]");
            if (shape.length != 1) { // PyTorch names the size of an empty tensor that is not 1-D
                sb.append(", size=(");
                for (int i = 0; i < shape.length; i++) sb.append(i == 0 ? "" : ", ").append(shape[i]);
                sb.append(')');
            }
            return sb.append(", dtype=").append(DType.INT64.torchName());
        }
        String[] cells = new String[v.length];
        int width = 0;
        for (int i = 0; i < v.length; i++) {
            cells[i] = Long.toString(v[i]);
            width = Math.max(width, cells[i].length());
        }
        for (int i = 0; i < v.length; i++) cells[i] = " ".repeat(width - cells[i].length()) + cells[i];
        nested(sb, cells, shape, 0, 0, true);
        return sb;
    }

    /**
     * Writes the cells of dimension {@code d} from {@code pos} in brackets; rows of inner
     * dimensions go on new lines aligned under the first bracket, with {@code rank - d - 2} blank
     * lines between them when {@code blankLines} (PyTorch's layout) and none otherwise.
     */
    private static int nested(StringBuilder sb, String[] cells, int[] shape, int d, int pos, boolean blankLines) {
        if (d == shape.length) {
            sb.append(cells[pos]);
            return pos + 1;
        }
        sb.append('[');
        for (int i = 0; i < shape[d]; i++) {
            if (i > 0) {
                sb.append(',');
                if (d < shape.length - 1) {
                    sb.append("\n".repeat(blankLines ? shape.length - d - 1 : 1))
                            .append(" ".repeat(INDENT + d + 1));
                } else {
                    sb.append(' ');
                }
            }
            pos = nested(sb, cells, shape, d + 1, pos, blankLines);
        }
        sb.append(']');
        return pos;
    }
}
