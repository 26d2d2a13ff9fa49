package org.rnn4j.tensor.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FastMath}'s exp, sigmoid and tanh over arrays with the Vector API, lane for lane the
 * same operations, so results are bit-identical to the scalar path (which also finishes the
 * tail). Loaded only when {@code jdk.incubator.vector} is present ({@link Transcendentals}).
 */
final class VectorMath implements Transcendentals {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private static FloatVector c(float v) {
        return FloatVector.broadcast(S, v);
    }

    private static FloatVector exp(FloatVector x) {
        FloatVector xc = x.max(FastMath.EXP_LO).min(FastMath.EXP_HI);
        FloatVector t = xc.fma(FastMath.LOG2E, FastMath.ROUNDER);
        FloatVector n = t.sub(FastMath.ROUNDER);
        FloatVector r = n.fma(c(-FastMath.LN2_HI), xc);
        r = n.fma(c(-FastMath.LN2_LO), r);
        FloatVector p = r.fma(FastMath.P0, FastMath.P1)
                .fma(r, c(FastMath.P2)).fma(r, c(FastMath.P3)).fma(r, c(FastMath.P4)).fma(r, c(FastMath.P5));
        FloatVector y = p.fma(r.mul(r), r).add(1f);
        IntVector bits = ((IntVector) t.reinterpretAsInts()).sub(FastMath.ROUNDER_BITS - 127)
                .lanewise(VectorOperators.LSHL, 23);
        FloatVector v = y.mul((FloatVector) bits.reinterpretAsFloats());
        v = v.blend(Float.POSITIVE_INFINITY, x.compare(VectorOperators.GT, FastMath.EXP_HI));
        v = v.blend(0f, x.compare(VectorOperators.LT, FastMath.EXP_LO));
        VectorMask<Float> nan = x.compare(VectorOperators.NE, x);
        return v.blend(x, nan);
    }

    @Override
    public void sigmoid(float[] a, int off, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += S.length()) {
            FloatVector x = FloatVector.fromArray(S, a, off + i);
            FloatVector one = FloatVector.broadcast(S, 1f);
            one.div(exp(x.neg()).add(1f)).intoArray(a, off + i);
        }
        for (; i < n; i++) a[off + i] = FastMath.sigmoid(a[off + i]);
    }

    @Override
    public void tanh(float[] a, int off, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += S.length()) {
            FloatVector x = FloatVector.fromArray(S, a, off + i);
            FloatVector ax = x.abs();
            FloatVector z = x.mul(x);
            FloatVector p = z.fma(FastMath.T0, FastMath.T1).fma(z, c(FastMath.T2)).fma(z, c(FastMath.T3))
                    .fma(z, c(FastMath.T4));
            FloatVector small = p.mul(z).fma(x, x);
            FloatVector e = exp(ax.add(ax));
            FloatVector large = FloatVector.broadcast(S, 1f).sub(FloatVector.broadcast(S, 2f).div(e.add(1f)));
            FloatVector y = large.blend(small, ax.compare(VectorOperators.LT, FastMath.TANH_SMALL));
            // copySign(y, x): the magnitude of y with the sign bit of x
            IntVector mag = ((IntVector) y.reinterpretAsInts()).and(0x7fffffff);
            IntVector sign = ((IntVector) x.reinterpretAsInts()).and(0x80000000);
            ((FloatVector) mag.or(sign).reinterpretAsFloats()).intoArray(a, off + i);
        }
        for (; i < n; i++) a[off + i] = FastMath.tanh(a[off + i]);
    }
}
