package org.rnn4j.tensor;

import static org.rnn4j.internal.TensorAccess.record;

import java.util.Arrays;

/**
 * Operations that return a view: the same storage read through a new shape, strides and offset
 * (candle's Layout). Each backward maps the gradient back through the inverse view.
 */
final class ViewOps {
    private ViewOps() {}

    /** Same elements, new shape (one -1 inferred); a view of a contiguous tensor, else of a copy. */
    static Tensor reshape(Tensor t, int... newShape) {
        int[] target = Shapes.inferShape(newShape, t.numel());
        Tensor src = t.contiguous();
        Tensor out = src.asStrided(target, Shapes.contiguousStrides(target), src.offset);
        int[] from = t.shape;
        return record(out, "ViewBackward0", g -> new Tensor[] {g.reshape(from)}, src);
    }

    /** Dimensions d0 and d1 swapped. */
    static Tensor transpose(Tensor t, int d0, int d1) {
        int a = Shapes.dim(d0, t.dim());
        int b = Shapes.dim(d1, t.dim());
        if (t.dim() == 0) return t;
        int[] s = t.shape.clone();
        int[] st = t.strides.clone();
        s[a] = t.shape[b];
        s[b] = t.shape[a];
        st[a] = t.strides[b];
        st[b] = t.strides[a];
        Tensor out = t.asStrided(s, st, t.offset);
        return record(out, "TransposeBackward0", g -> new Tensor[] {g.transpose(a, b)}, t);
    }

    /** A dimension of size 1 inserted at d. */
    static Tensor unsqueeze(Tensor t, int d) {
        int rank = t.dim();
        int r = rank + 1;
        int at = Shapes.dim(d, r);
        int[] s = new int[r];
        int[] st = new int[r];
        for (int i = 0, j = 0; i < r; i++) {
            if (i == at) {
                s[i] = 1;
                st[i] = j < rank ? t.strides[j] * t.shape[j] : 1;
            } else {
                s[i] = t.shape[j];
                st[i] = t.strides[j++];
            }
        }
        Tensor out = t.asStrided(s, st, t.offset);
        int[] from = t.shape;
        return record(out, "UnsqueezeBackward0", g -> new Tensor[] {g.reshape(from)}, t);
    }

    /** Dimension d removed if its size is 1; otherwise t itself. */
    static Tensor squeeze(Tensor t, int d) {
        int rank = t.dim();
        int at = Shapes.dim(d, rank);
        if (rank == 0 || t.shape[at] != 1) return t;
        int[] s = new int[rank - 1];
        int[] st = new int[rank - 1];
        for (int i = 0, j = 0; i < rank; i++) {
            if (i == at) continue;
            s[j] = t.shape[i];
            st[j++] = t.strides[i];
        }
        Tensor out = t.asStrided(s, st, t.offset);
        int[] from = t.shape;
        return record(out, "SqueezeBackward1", g -> new Tensor[] {g.reshape(from)}, t);
    }

    /** The slice at index along d, that dimension removed. */
    static Tensor select(Tensor t, int d, int index) {
        if (t.dim() == 0) throw new IndexOutOfBoundsException("select() cannot be applied to a 0-dim tensor.");
        int at = Shapes.dim(d, t.dim());
        int size = t.shape[at];
        int i = index < 0 ? index + size : index;
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("select(): index " + index + " out of range for tensor of size "
                    + Arrays.toString(t.shape) + " at dimension " + at);
        }
        return t.narrow(at, i, 1).squeeze(at);
    }

    /** Elements start .. start+length-1 along d; a negative start counts from the end. */
    static Tensor narrow(Tensor t, int d, int start, int length) {
        if (t.dim() == 0) throw new IndexOutOfBoundsException("narrow() cannot be applied to a 0-dim tensor.");
        int at = Shapes.dim(d, t.dim());
        int size = t.shape[at];
        if (start < -size || start > size) {
            throw new IndexOutOfBoundsException("start out of range (expected to be in range of [" + -size
                    + ", " + size + "], but got " + start + ")");
        }
        int first = start < 0 ? start + size : start;
        if (length < 0) throw new IndexOutOfBoundsException("narrow(): length must be non-negative, got " + length);
        if ((long) first + length > size) {
            throw new IndexOutOfBoundsException("start (" + first + ") + length (" + length
                    + ") exceeds dimension size (" + size + ").");
        }
        Tensor out = narrowView(t, at, first, length);
        int[] from = t.shape;
        return record(out, "NarrowBackward0", g -> {
            Tensor full = Tensor.zeros(from);
            narrowView(full, at, first, length).copyFrom(g);
            return new Tensor[] {full};
        }, t);
    }

    /** The unrecorded view of elements start .. start+length-1 along dimension at (already checked). */
    static Tensor narrowView(Tensor t, int at, int start, int length) {
        int[] s = t.shape.clone();
        s[at] = length;
        return t.asStrided(s, t.strides, t.offset + start * t.strides[at]);
    }
}
