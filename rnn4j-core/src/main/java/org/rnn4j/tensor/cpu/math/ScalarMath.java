package org.rnn4j.tensor.cpu.math;

/** {@link FastMath} over arrays, one element at a time: the path without the Vector API. */
final class ScalarMath implements Transcendentals {
    @Override
    public void sigmoid(float[] a, int off, int n) {
        for (int i = off; i < off + n; i++) a[i] = FastMath.sigmoid(a[i]);
    }

    @Override
    public void tanh(float[] a, int off, int n) {
        for (int i = off; i < off + n; i++) a[i] = FastMath.tanh(a[i]);
    }

    @Override
    public void expShifted(float[] x, int xo, float shift, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) out[oo + i] = FastMath.exp(x[xo + i] - shift);
    }

    @Override
    public float max(float[] x, int off, int n) {
        float m = Float.NEGATIVE_INFINITY;
        for (int i = off; i < off + n; i++) m = Math.max(m, x[i]);
        return m == 0 ? 0f : m;
    }
}
