package org.rnn4j.tensor.cpu.math;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FastMath}'s exp, sigmoid and tanh over arrays with the Vector API, lane for lane the
 * same operations, so results are bit-identical to the scalar path (which also finishes the
 * tail). Loaded only when {@code jdk.incubator.vector} is present ({@link Transcendentals}).
 */
final class VectorMath implements Transcendentals {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    // Why the exp is written out twice below rather than shared as exp(FloatVector): when C2
    // inlines these loops into a big caller (a cell kernel) it stops inlining our own helpers at
    // its node-count cutoff, and a FloatVector passed to a call that is not inlined is boxed on
    // the heap each time: the forward cell ran several times slower. Only the Vector API's own
    // @ForceInline methods are called here, which C2 inlines past that cutoff.

    /**
     * Shorter ranges run the scalar loop (the same bits): until C2 has compiled a caller every
     * Vector API operation is a heap object, and for a network of 16 units (./rnn4j sine) that
     * warm-up cost more than the vectors ever saved (6000 training steps: 0.8 s vector, 0.53 s
     * scalar; the warm step itself is 15% slower scalar).
     */
    private static final int MIN_VECTOR = 2 * S.length();

    @Override
    public void sigmoid(float[] a, int off, int n) {
        int i = 0;
        for (int end = n < MIN_VECTOR ? 0 : S.loopBound(n); i < end; i += S.length()) {
            FloatVector x = FloatVector.fromArray(S, a, off + i).neg();
            // e = exp(x), as FastMath.exp
            FloatVector xc = x.max(FastMath.EXP_LO).min(FastMath.EXP_HI);
            FloatVector t = xc.fma(FastMath.LOG2E, FastMath.ROUNDER);
            FloatVector nn = t.sub(FastMath.ROUNDER);
            FloatVector r = nn.fma(FloatVector.broadcast(S, -FastMath.LN2_HI), xc);
            r = nn.fma(FloatVector.broadcast(S, -FastMath.LN2_LO), r);
            FloatVector p = r.fma(FastMath.P0, FastMath.P1).fma(r, FloatVector.broadcast(S, FastMath.P2))
                    .fma(r, FloatVector.broadcast(S, FastMath.P3)).fma(r, FloatVector.broadcast(S, FastMath.P4))
                    .fma(r, FloatVector.broadcast(S, FastMath.P5));
            FloatVector y = p.fma(r.mul(r), r).add(1f);
            IntVector bits = ((IntVector) t.reinterpretAsInts()).sub(FastMath.ROUNDER_BITS - 127)
                    .lanewise(VectorOperators.LSHL, 23);
            FloatVector e = y.mul((FloatVector) bits.reinterpretAsFloats());
            e = e.blend(Float.POSITIVE_INFINITY, x.compare(VectorOperators.GT, FastMath.EXP_HI));
            e = e.blend(0f, x.compare(VectorOperators.LT, FastMath.EXP_LO));
            e = e.blend(x, x.compare(VectorOperators.NE, x));
            FloatVector.broadcast(S, 1f).div(e.add(1f)).intoArray(a, off + i);
        }
        for (; i < n; i++) a[off + i] = FastMath.sigmoid(a[off + i]);
    }

    @Override
    public void tanh(float[] a, int off, int n) {
        int i = 0;
        for (int end = n < MIN_VECTOR ? 0 : S.loopBound(n); i < end; i += S.length()) {
            FloatVector x = FloatVector.fromArray(S, a, off + i);
            FloatVector ax = x.abs();
            FloatVector z = x.mul(x);
            FloatVector q = z.fma(FastMath.T0, FastMath.T1).fma(z, FloatVector.broadcast(S, FastMath.T2))
                    .fma(z, FloatVector.broadcast(S, FastMath.T3)).fma(z, FloatVector.broadcast(S, FastMath.T4));
            FloatVector small = q.mul(z).fma(x, x);
            // e = exp(2|x|), as FastMath.exp
            FloatVector x2 = ax.add(ax);
            FloatVector xc = x2.max(FastMath.EXP_LO).min(FastMath.EXP_HI);
            FloatVector t = xc.fma(FastMath.LOG2E, FastMath.ROUNDER);
            FloatVector nn = t.sub(FastMath.ROUNDER);
            FloatVector r = nn.fma(FloatVector.broadcast(S, -FastMath.LN2_HI), xc);
            r = nn.fma(FloatVector.broadcast(S, -FastMath.LN2_LO), r);
            FloatVector p = r.fma(FastMath.P0, FastMath.P1).fma(r, FloatVector.broadcast(S, FastMath.P2))
                    .fma(r, FloatVector.broadcast(S, FastMath.P3)).fma(r, FloatVector.broadcast(S, FastMath.P4))
                    .fma(r, FloatVector.broadcast(S, FastMath.P5));
            FloatVector y = p.fma(r.mul(r), r).add(1f);
            IntVector bits = ((IntVector) t.reinterpretAsInts()).sub(FastMath.ROUNDER_BITS - 127)
                    .lanewise(VectorOperators.LSHL, 23);
            FloatVector e = y.mul((FloatVector) bits.reinterpretAsFloats());
            e = e.blend(Float.POSITIVE_INFINITY, x2.compare(VectorOperators.GT, FastMath.EXP_HI));
            e = e.blend(0f, x2.compare(VectorOperators.LT, FastMath.EXP_LO));
            e = e.blend(x2, x2.compare(VectorOperators.NE, x2));
            FloatVector large = FloatVector.broadcast(S, 1f).sub(FloatVector.broadcast(S, 2f).div(e.add(1f)));
            FloatVector v = large.blend(small, ax.compare(VectorOperators.LT, FastMath.TANH_SMALL));
            // copySign(v, x): the magnitude of v with the sign bit of x
            IntVector mag = ((IntVector) v.reinterpretAsInts()).and(0x7fffffff);
            IntVector sign = ((IntVector) x.reinterpretAsInts()).and(0x80000000);
            ((FloatVector) mag.or(sign).reinterpretAsFloats()).intoArray(a, off + i);
        }
        for (; i < n; i++) a[off + i] = FastMath.tanh(a[off + i]);
    }

    @Override
    public void expShifted(float[] xs, int xo, float shift, float[] out, int oo, int n) {
        int i = 0;
        for (int end = n < MIN_VECTOR ? 0 : S.loopBound(n); i < end; i += S.length()) {
            FloatVector x = FloatVector.fromArray(S, xs, xo + i).sub(shift);
            // e = exp(x), as FastMath.exp
            FloatVector xc = x.max(FastMath.EXP_LO).min(FastMath.EXP_HI);
            FloatVector t = xc.fma(FastMath.LOG2E, FastMath.ROUNDER);
            FloatVector nn = t.sub(FastMath.ROUNDER);
            FloatVector r = nn.fma(FloatVector.broadcast(S, -FastMath.LN2_HI), xc);
            r = nn.fma(FloatVector.broadcast(S, -FastMath.LN2_LO), r);
            FloatVector p = r.fma(FastMath.P0, FastMath.P1).fma(r, FloatVector.broadcast(S, FastMath.P2))
                    .fma(r, FloatVector.broadcast(S, FastMath.P3)).fma(r, FloatVector.broadcast(S, FastMath.P4))
                    .fma(r, FloatVector.broadcast(S, FastMath.P5));
            FloatVector y = p.fma(r.mul(r), r).add(1f);
            IntVector bits = ((IntVector) t.reinterpretAsInts()).sub(FastMath.ROUNDER_BITS - 127)
                    .lanewise(VectorOperators.LSHL, 23);
            FloatVector e = y.mul((FloatVector) bits.reinterpretAsFloats());
            e = e.blend(Float.POSITIVE_INFINITY, x.compare(VectorOperators.GT, FastMath.EXP_HI));
            e = e.blend(0f, x.compare(VectorOperators.LT, FastMath.EXP_LO));
            e = e.blend(x, x.compare(VectorOperators.NE, x));
            e.intoArray(out, oo + i);
        }
        for (; i < n; i++) out[oo + i] = FastMath.exp(xs[xo + i] - shift);
    }

    @Override
    public float max(float[] x, int off, int n) {
        float m = Float.NEGATIVE_INFINITY;
        int i = 0;
        if (n >= MIN_VECTOR) { // max is exact, so lanes in any order give the scalar loop's answer
            FloatVector acc = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
            for (int end = S.loopBound(n); i < end; i += S.length()) acc = acc.max(FloatVector.fromArray(S, x, off + i));
            m = acc.reduceLanes(VectorOperators.MAX);
        }
        for (; i < n; i++) m = Math.max(m, x[off + i]);
        return m == 0 ? 0f : m;
    }
}
