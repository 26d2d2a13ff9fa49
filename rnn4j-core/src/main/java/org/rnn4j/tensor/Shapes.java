package org.rnn4j.tensor;

import java.util.Arrays;

/** Shape arithmetic shared by tensor operations: element counts, strides, broadcasting. */
final class Shapes {
    private Shapes() {}

    public static int numel(int[] shape) {
        long n = 1;
        for (int s : shape) {
            n *= s;
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("tensor of shape " + Arrays.toString(shape)
                        + " has more than " + Integer.MAX_VALUE + " elements");
            }
        }
        return (int) n;
    }

    public static int[] contiguousStrides(int[] shape) {
        int[] strides = new int[shape.length];
        int s = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            strides[d] = s;
            s *= Math.max(shape[d], 1);
        }
        return strides;
    }

    public static void checkShape(int[] shape) {
        if (shape == null) throw new IllegalArgumentException("shape must not be null");
        for (int s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException("Trying to create tensor with negative dimension " + s
                        + ": " + Arrays.toString(shape));
            }
        }
    }

    /** A copy of {@code shape} after checking that it describes exactly {@code length} elements. */
    static int[] checkedShape(int length, int[] shape) {
        checkShape(shape);
        if (length != numel(shape)) {
            throw new IllegalArgumentException("shape '" + Arrays.toString(shape) + "' is invalid for input of size "
                    + length);
        }
        return shape.clone();
    }

    /** Normalises a possibly negative dimension index, PyTorch style. */
    public static int dim(int d, int rank) {
        int lo = rank == 0 ? -1 : -rank;
        int hi = rank == 0 ? 0 : rank - 1;
        if (d < lo || d > hi) {
            throw new IndexOutOfBoundsException("Dimension out of range (expected to be in range of ["
                    + lo + ", " + hi + "], but got " + d + ")");
        }
        return d < 0 ? d + Math.max(rank, 1) : d;
    }

    /** The broadcast shape of a and b, or an error in PyTorch's words. */
    public static int[] broadcast(int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i - (rank - a.length) >= 0 ? a[i - (rank - a.length)] : 1;
            int db = i - (rank - b.length) >= 0 ? b[i - (rank - b.length)] : 1;
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("The size of tensor a (" + da
                        + ") must match the size of tensor b (" + db + ") at non-singleton dimension " + i);
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /** Strides that read a tensor of {@code shape}/{@code strides} as if it had shape {@code target}. */
    public static int[] broadcastStrides(int[] shape, int[] strides, int[] target) {
        int[] out = new int[target.length];
        int shift = target.length - shape.length;
        for (int i = 0; i < shape.length; i++) {
            out[i + shift] = shape[i] == 1 ? 0 : strides[i];
        }
        return out;
    }

    /** Throws (PyTorch's expand messages, after {@code prefix}) unless {@code from} broadcasts to {@code to}. */
    public static void checkExpandable(int[] from, int[] to, String prefix) {
        if (to.length < from.length) {
            throw new IllegalArgumentException(prefix + "the number of sizes provided (" + to.length
                    + ") must be greater or equal to the number of dimensions in the tensor (" + from.length + ")");
        }
        checkShape(to);
        int shift = to.length - from.length;
        for (int i = 0; i < from.length; i++) {
            if (from[i] != 1 && from[i] != to[i + shift]) {
                throw new IllegalArgumentException(prefix + "The expanded size of the tensor (" + to[i + shift]
                        + ") must match the existing size (" + from[i] + ") at non-singleton dimension " + (i + shift)
                        + ".  Target sizes: " + Arrays.toString(to) + ".  Tensor sizes: " + Arrays.toString(from));
            }
        }
    }

    /** {@code requested} with its one -1 (if any) inferred from {@code numel}, PyTorch's reshape rules. */
    public static int[] inferShape(int[] requested, int numel) {
        if (requested == null) throw new IllegalArgumentException("shape must not be null");
        int[] out = requested.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == -1) {
                if (infer >= 0) throw new IllegalArgumentException("only one dimension can be inferred");
                infer = i;
            } else if (out[i] < 0) {
                throw new IllegalArgumentException("invalid shape dimension " + out[i]);
            } else {
                known *= out[i];
            }
        }
        if (infer >= 0) {
            if (known == 0 || numel % known != 0) {
                throw new IllegalArgumentException("shape '" + Arrays.toString(requested)
                        + "' is invalid for input of size " + numel);
            }
            out[infer] = (int) (numel / known);
        } else if (known != numel) {
            throw new IllegalArgumentException("shape '" + Arrays.toString(requested)
                    + "' is invalid for input of size " + numel);
        }
        return out;
    }

    public static String str(int[] shape) {
        return Arrays.toString(shape);
    }
}
