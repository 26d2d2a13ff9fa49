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
}
