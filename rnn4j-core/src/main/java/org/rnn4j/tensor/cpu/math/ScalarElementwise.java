package org.rnn4j.tensor.cpu.math;

/** {@link Elementwise} in plain Java: the reference order of operations. */
final class ScalarElementwise implements Elementwise {
    @Override
    public void add(float[] x, int xo, float[] y, int yo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) out[oo + i] = x[xo + i] + y[yo + i];
    }

    @Override
    public void mul(float[] x, int xo, float[] y, int yo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) out[oo + i] = x[xo + i] * y[yo + i];
    }

    @Override
    public void addMul(float[] x, int xo, float[] w, int wo, float[] y, int yo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) out[oo + i] = x[xo + i] + w[wo + i] * y[yo + i];
    }

    @Override
    public void mulAddMul(float[] a, int ao, float[] b, int bo, float[] c, int co, float[] d, int dOff,
                          float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] * b[bo + i] + c[co + i] * d[dOff + i];
    }

    @Override
    public void lerp(float[] a, int ao, float[] b, int bo, float[] c, int co, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            float bi = b[bo + i];
            out[oo + i] = (a[ao + i] - bi) * c[co + i] + bi;
        }
    }
}
