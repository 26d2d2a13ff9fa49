package org.rnn4j.tasks.text;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link PanelKernel} with the Vector API: a wide panel's four vectors of accumulators stay in
 * registers over all K. The only class here that names {@code jdk.incubator.vector}: it is loaded
 * only when that module is present ({@link PanelVectorProduct#VECTOR}).
 */
final class VectorPanelKernel implements PanelKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    @Override
    public int lane() {
        return L;
    }

    @Override
    public void panel(float[] v, int k, float[] w, int base, int width, float[] bias, float[] dst, int j0) {
        if (width == 4 * L) {
            wide(v, k, w, base, bias, dst, j0);
        } else {
            for (int c = 0; c < width; c += L) narrow(v, k, w, base + c, width, bias, dst, j0 + c);
        }
    }

    private static void wide(float[] v, int k, float[] w, int base, float[] bias, float[] dst, int j0) {
        FloatVector s0 = FloatVector.zero(S), s1 = FloatVector.zero(S), s2 = FloatVector.zero(S), s3 = FloatVector.zero(S);
        for (int p = 0, i = base; p < k; p++, i += 4 * L) {
            FloatVector x = FloatVector.broadcast(S, v[p]);
            s0 = x.fma(FloatVector.fromArray(S, w, i), s0);
            s1 = x.fma(FloatVector.fromArray(S, w, i + L), s1);
            s2 = x.fma(FloatVector.fromArray(S, w, i + 2 * L), s2);
            s3 = x.fma(FloatVector.fromArray(S, w, i + 3 * L), s3);
        }
        s0.add(FloatVector.fromArray(S, bias, j0)).intoArray(dst, j0);
        s1.add(FloatVector.fromArray(S, bias, j0 + L)).intoArray(dst, j0 + L);
        s2.add(FloatVector.fromArray(S, bias, j0 + 2 * L)).intoArray(dst, j0 + 2 * L);
        s3.add(FloatVector.fromArray(S, bias, j0 + 3 * L)).intoArray(dst, j0 + 3 * L);
    }

    private static void narrow(float[] v, int k, float[] w, int base, int width, float[] bias, float[] dst, int j0) {
        FloatVector s = FloatVector.zero(S);
        for (int p = 0, i = base; p < k; p++, i += width) s = FloatVector.broadcast(S, v[p]).fma(FloatVector.fromArray(S, w, i), s);
        s.add(FloatVector.fromArray(S, bias, j0)).intoArray(dst, j0);
    }
}
