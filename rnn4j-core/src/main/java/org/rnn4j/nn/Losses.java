package org.rnn4j.nn;

import java.util.Arrays;
import org.rnn4j.internal.TensorAccess;
import org.rnn4j.tensor.DType;
import org.rnn4j.tensor.Tensor;

/**
 * What the losses share: argument checks with PyTorch's words, the reduction of per-element
 * values, and one autograd node for losses that are a function of {@code d = input - target}
 * element by element (Huber, smooth L1).
 */
final class Losses {
    private Losses() {}

    /** A function of the difference and its derivative, both in double. */
    interface Pointwise {
        double value(double d);

        double slope(double d);
    }

    static Reduction require(Reduction r) {
        if (r == null) throw new IllegalArgumentException("reduction must be one of NONE, MEAN, SUM, not null");
        return r;
    }

    static void notNull(String loss, Tensor input, Tensor target) {
        if (input == null || target == null) {
            throw new IllegalArgumentException(loss + ": " + (input == null ? "input" : "target") + " must not be null");
        }
    }

    /** Both non-null FLOAT32 tensors of one shape (rnn4j does not broadcast here: PyTorch only warns). */
    static void sameShape(String loss, Tensor input, Tensor target) {
        notNull(loss, input, target);
        requireFloat(loss, "input", input);
        requireFloat(loss, "target", target);
        if (!Arrays.equals(input.shape(), target.shape())) {
            throw new IllegalArgumentException(loss + ": input shape " + Arrays.toString(input.shape())
                    + " does not match target shape " + Arrays.toString(target.shape()));
        }
    }

    static void requireFloat(String loss, String what, Tensor t) {
        if (t.dtype() != DType.FLOAT32) {
            throw new IllegalArgumentException(loss + ": expected " + what + " of dtype " + DType.FLOAT32
                    + ", but got " + t.dtype() + " of shape " + Arrays.toString(t.shape()));
        }
    }

    /** The per-element losses as they are (NONE), or their mean or sum as a 0-dim tensor. */
    static Tensor reduce(Tensor perElement, Reduction r) {
        switch (r) {
            case MEAN: return perElement.mean();
            case SUM: return perElement.sum();
            default: return perElement;
        }
    }

    /**
     * {@code out_i = f(x_i - y_i)} as one node: {@code dx_i = g_i f'(d_i)}, {@code dy_i = -g_i f'(d_i)};
     * d is computed in float as PyTorch does, f and f' in double.
     */
    static Tensor pointwise(String name, Tensor input, Tensor target, Pointwise f) {
        float[] x = input.toFloatArray();
        float[] y = target.toFloatArray();
        float[] d = new float[x.length];
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i] - y[i];
            out[i] = (float) f.value(d[i]);
        }
        int[] shape = input.shape();
        return TensorAccess.record(TensorAccess.wrap(out, shape), name, g -> {
            float[] gv = g.toFloatArray();
            float[] dx = new float[d.length];
            float[] dy = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                double v = gv[i] * f.slope(d[i]);
                dx[i] = (float) v;
                dy[i] = (float) -v;
            }
            return new Tensor[] {
                input.requiresGrad() ? TensorAccess.wrap(dx, shape) : null,
                target.requiresGrad() ? TensorAccess.wrap(dy, shape) : null};
        }, input, target);
    }
}
