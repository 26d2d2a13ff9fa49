package org.rnn4j.tensor.cpu.rnn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.rnn4j.nn.Activation;

/**
 * {@link CellBackwardMath} on the Vector API: lane for lane the operations of
 * {@link ScalarCellBackward} in the same order (mul, add, sub only, never fma), so results are
 * bit-identical; the scalar code finishes each range's tail. Loaded only when
 * {@code jdk.incubator.vector} is present ({@link CellBackwardMath#get}).
 */
final class VectorCellBackward implements CellBackwardMath {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final FloatVector ONE = FloatVector.broadcast(S, 1f);
    private static final FloatVector ZERO = FloatVector.zero(S);

    /** {@link Activation#derivative} lane-wise, from the activation's output y. */
    private static FloatVector derivative(Activation a, FloatVector y) {
        switch (a) {
            case TANH: return ONE.sub(y.mul(y));
            case SIGMOID: return y.mul(ONE.sub(y));
            case RELU: return ZERO.blend(ONE, y.compare(VectorOperators.GT, 0f));
            default: return ONE;
        }
    }

    @Override
    public void lstm(LstmParams p, ScanState st, ScanGrads g, float[] dho, int s, int b, int j0, int j1) {
        Activation act = p.act();
        Activation gate = p.gate();
        float[] wci = p.wci(), wcf = p.wcf(), wco = p.wco();
        float[] dwci = g.dwci, dwcf = g.dwcf, dwco = g.dwco;
        float[] sv = st.saved, c = st.c, dc = g.dc, dxp = g.dxp, dhp = g.dhp;
        int hsz = st.hidden;
        int cPrev = st.inRow(s, b) * hsz;
        int cOut = st.outRow(s, b) * hsz;
        int so = st.savedOffset(s, b);
        int xo = st.xRow(s, b) * 4 * hsz;
        int po = st.inRow(s, b) * 4 * hsz;
        int d0 = b * hsz;
        int j = j0;
        int end = j0 + S.loopBound(j1 - j0);
        boolean peep = wci != null;
        for (; j < end; j += S.length()) {
            FloatVector i = FloatVector.fromArray(S, sv, so + j);
            FloatVector f = FloatVector.fromArray(S, sv, so + hsz + j);
            FloatVector gg = FloatVector.fromArray(S, sv, so + 2 * hsz + j);
            FloatVector o = FloatVector.fromArray(S, sv, so + 3 * hsz + j);
            FloatVector ac = FloatVector.fromArray(S, sv, so + 4 * hsz + j);
            FloatVector cp = FloatVector.fromArray(S, c, cPrev + j);
            FloatVector dh = FloatVector.fromArray(S, dho, d0 + j);
            FloatVector dao = dh.mul(ac).mul(derivative(gate, o));
            FloatVector dct = FloatVector.fromArray(S, dc, d0 + j).add(dh.mul(o).mul(derivative(act, ac)));
            if (peep) dct = dct.add(dao.mul(FloatVector.fromArray(S, wco, j)));
            FloatVector dai = dct.mul(gg).mul(derivative(gate, i));
            FloatVector daf = dct.mul(cp).mul(derivative(gate, f));
            FloatVector dag = dct.mul(i).mul(derivative(act, gg));
            FloatVector dcp = dct.mul(f);
            if (peep) {
                dcp = dcp.add(dai.mul(FloatVector.fromArray(S, wci, j))
                        .add(daf.mul(FloatVector.fromArray(S, wcf, j))));
                FloatVector.fromArray(S, dwci, j).add(dai.mul(cp)).intoArray(dwci, j);
                FloatVector.fromArray(S, dwcf, j).add(daf.mul(cp)).intoArray(dwcf, j);
                FloatVector.fromArray(S, dwco, j).add(dao.mul(FloatVector.fromArray(S, c, cOut + j)))
                        .intoArray(dwco, j);
            }
            dcp.intoArray(dc, d0 + j);
            dai.intoArray(dxp, xo + j);
            daf.intoArray(dxp, xo + hsz + j);
            dag.intoArray(dxp, xo + 2 * hsz + j);
            dao.intoArray(dxp, xo + 3 * hsz + j);
            dai.intoArray(dhp, po + j);
            daf.intoArray(dhp, po + hsz + j);
            dag.intoArray(dhp, po + 2 * hsz + j);
            dao.intoArray(dhp, po + 3 * hsz + j);
        }
        ScalarCellBackward.lstmScalar(p, st, g, dho, s, b, j, j1);
    }

    @Override
    public void gru(ScanState st, ScanGrads g, float[] dh, float[] dhNext, int s, int b, int j0, int j1) {
        float[] sv = st.saved, h = st.h, dxp = g.dxp, dhp = g.dhp;
        int hsz = st.hidden;
        int hPrev = st.inRow(s, b) * hsz;
        int so = st.savedOffset(s, b);
        int xo = st.xRow(s, b) * 3 * hsz;
        int po = st.inRow(s, b) * 3 * hsz;
        int d0 = b * hsz;
        int j = j0;
        int end = j0 + S.loopBound(j1 - j0);
        for (; j < end; j += S.length()) {
            FloatVector r = FloatVector.fromArray(S, sv, so + j);
            FloatVector z = FloatVector.fromArray(S, sv, so + hsz + j);
            FloatVector nn = FloatVector.fromArray(S, sv, so + 2 * hsz + j);
            FloatVector hn = FloatVector.fromArray(S, sv, so + 3 * hsz + j);
            FloatVector dhv = FloatVector.fromArray(S, dh, d0 + j);
            FloatVector hp = FloatVector.fromArray(S, h, hPrev + j);
            FloatVector oneMinusZ = ONE.sub(z);
            FloatVector dz = dhv.mul(hp.sub(nn)).mul(z).mul(oneMinusZ);
            FloatVector dn = dhv.mul(oneMinusZ).mul(ONE.sub(nn.mul(nn)));
            FloatVector dr = dn.mul(hn).mul(r).mul(ONE.sub(r));
            dr.intoArray(dxp, xo + j);
            dz.intoArray(dxp, xo + hsz + j);
            dn.intoArray(dxp, xo + 2 * hsz + j);
            dr.intoArray(dhp, po + j);
            dz.intoArray(dhp, po + hsz + j);
            dn.mul(r).intoArray(dhp, po + 2 * hsz + j);
            dhv.mul(z).intoArray(dhNext, d0 + j);
        }
        ScalarCellBackward.gruScalar(st, g, dh, dhNext, s, b, j, j1);
    }

    @Override
    public void rnn(Activation act, ScanState st, ScanGrads g, float[] dh, int s, int from, int n) {
        int hsz = st.hidden;
        float[] h = st.h, dxp = g.dxp, dhp = g.dhp;
        int ho = st.outRow(s, from / hsz) * hsz + from % hsz;
        int xo = st.xRow(s, 0) * hsz + from;
        int po = st.inRow(s, 0) * hsz + from;
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += S.length()) {
            FloatVector d = FloatVector.fromArray(S, dh, from + i).mul(derivative(act, FloatVector.fromArray(S, h, ho + i)));
            d.intoArray(dxp, xo + i);
            d.intoArray(dhp, po + i);
        }
        ScalarCellBackward.rnnScalar(act, st, g, dh, s, from, i, n);
    }
}
