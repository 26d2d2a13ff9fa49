package org.rnn4j.tensor.cpu.math;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Elementwise} on the Vector API, lane for lane the operations of
 * {@link ScalarElementwise}, which also finishes each tail. Loaded only when
 * {@code jdk.incubator.vector} is present ({@link VectorSupport}).
 */
final class VectorElementwise implements Elementwise {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final Elementwise TAIL = new ScalarElementwise();
    /**
     * Shorter ranges run the scalar loop (the same bits): until C2 has compiled a caller every
     * Vector API operation is a heap object, which made the first thousand steps of a network
     * of 16 units (./rnn4j sine) much slower.
     */
    private static final int MIN_VECTOR = 2 * S.length();

    @Override
    public void add(float[] x, int xo, float[] y, int yo, float[] out, int oo, int n) {
        if (n < MIN_VECTOR) {
            TAIL.add(x, xo, y, yo, out, oo, n);
            return;
        }
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += S.length()) {
            FloatVector.fromArray(S, x, xo + i).add(FloatVector.fromArray(S, y, yo + i)).intoArray(out, oo + i);
        }
        TAIL.add(x, xo + i, y, yo + i, out, oo + i, n - i);
    }

    @Override
    public void mul(float[] x, int xo, float[] y, int yo, float[] out, int oo, int n) {
        if (n < MIN_VECTOR) {
            TAIL.mul(x, xo, y, yo, out, oo, n);
            return;
        }
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += S.length()) {
            FloatVector.fromArray(S, x, xo + i).mul(FloatVector.fromArray(S, y, yo + i)).intoArray(out, oo + i);
        }
        TAIL.mul(x, xo + i, y, yo + i, out, oo + i, n - i);
    }

    @Override
    public void addMul(float[] x, int xo, float[] w, int wo, float[] y, int yo, float[] out, int oo, int n) {
        if (n < MIN_VECTOR) {
            TAIL.addMul(x, xo, w, wo, y, yo, out, oo, n);
            return;
        }
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += S.length()) {
            FloatVector wy = FloatVector.fromArray(S, w, wo + i).mul(FloatVector.fromArray(S, y, yo + i));
            FloatVector.fromArray(S, x, xo + i).add(wy).intoArray(out, oo + i);
        }
        TAIL.addMul(x, xo + i, w, wo + i, y, yo + i, out, oo + i, n - i);
    }

    @Override
    public void mulAddMul(float[] a, int ao, float[] b, int bo, float[] c, int co, float[] d, int dOff,
                          float[] out, int oo, int n) {
        if (n < MIN_VECTOR) {
            TAIL.mulAddMul(a, ao, b, bo, c, co, d, dOff, out, oo, n);
            return;
        }
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += S.length()) {
            FloatVector ab = FloatVector.fromArray(S, a, ao + i).mul(FloatVector.fromArray(S, b, bo + i));
            FloatVector cd = FloatVector.fromArray(S, c, co + i).mul(FloatVector.fromArray(S, d, dOff + i));
            ab.add(cd).intoArray(out, oo + i);
        }
        TAIL.mulAddMul(a, ao + i, b, bo + i, c, co + i, d, dOff + i, out, oo + i, n - i);
    }

    @Override
    public void lerp(float[] a, int ao, float[] b, int bo, float[] c, int co, float[] out, int oo, int n) {
        if (n < MIN_VECTOR) {
            TAIL.lerp(a, ao, b, bo, c, co, out, oo, n);
            return;
        }
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += S.length()) {
            FloatVector bv = FloatVector.fromArray(S, b, bo + i);
            FloatVector.fromArray(S, a, ao + i).sub(bv).mul(FloatVector.fromArray(S, c, co + i)).add(bv)
                    .intoArray(out, oo + i);
        }
        TAIL.lerp(a, ao + i, b, bo + i, c, co + i, out, oo + i, n - i);
    }
}
