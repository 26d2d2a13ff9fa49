package org.rnn4j.tensor.cpu.rnn;

import org.rnn4j.nn.Activation;

/**
 * The scalar {@link CellBackwardMath}: the reference order of operations, which the vector
 * implementation repeats lane for lane (and calls for its tail).
 */
final class ScalarCellBackward implements CellBackwardMath {
    @Override
    public void lstm(LstmParams p, ScanState st, ScanGrads g, float[] dho, int s, int b, int j0, int j1) {
        lstmScalar(p, st, g, dho, s, b, j0, j1);
    }

    static void lstmScalar(LstmParams p, ScanState st, ScanGrads g, float[] dho, int s, int b, int j0, int j1) {
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
        boolean peep = wci != null;
        for (int j = j0; j < j1; j++) {
            float i = sv[so + j];
            float f = sv[so + hsz + j];
            float gg = sv[so + 2 * hsz + j];
            float o = sv[so + 3 * hsz + j];
            float ac = sv[so + 4 * hsz + j];
            float cp = c[cPrev + j];
            float dh = dho[d0 + j];
            float dao = dh * ac * gate.derivative(o);
            float dct = dc[d0 + j] + dh * o * act.derivative(ac);
            if (peep) dct += dao * wco[j];
            float dai = dct * gg * gate.derivative(i);
            float daf = dct * cp * gate.derivative(f);
            float dag = dct * i * act.derivative(gg);
            float dcp = dct * f;
            if (peep) {
                dcp += dai * wci[j] + daf * wcf[j];
                dwci[j] += dai * cp;
                dwcf[j] += daf * cp;
                dwco[j] += dao * c[cOut + j];
            }
            dc[d0 + j] = dcp;
            dxp[xo + j] = dai;
            dxp[xo + hsz + j] = daf;
            dxp[xo + 2 * hsz + j] = dag;
            dxp[xo + 3 * hsz + j] = dao;
            dhp[po + j] = dai;
            dhp[po + hsz + j] = daf;
            dhp[po + 2 * hsz + j] = dag;
            dhp[po + 3 * hsz + j] = dao;
        }
    }

    @Override
    public void gru(ScanState st, ScanGrads g, float[] dh, float[] dhNext, int s, int b, int j0, int j1) {
        gruScalar(st, g, dh, dhNext, s, b, j0, j1);
    }

    static void gruScalar(ScanState st, ScanGrads g, float[] dh, float[] dhNext, int s, int b, int j0, int j1) {
        float[] sv = st.saved, h = st.h, dxp = g.dxp, dhp = g.dhp;
        int hsz = st.hidden;
        int hPrev = st.inRow(s, b) * hsz;
        int so = st.savedOffset(s, b);
        int xo = st.xRow(s, b) * 3 * hsz;
        int po = st.inRow(s, b) * 3 * hsz;
        int d0 = b * hsz;
        for (int j = j0; j < j1; j++) {
            float r = sv[so + j];
            float z = sv[so + hsz + j];
            float nn = sv[so + 2 * hsz + j];
            float hn = sv[so + 3 * hsz + j];
            float dhv = dh[d0 + j];
            float dz = dhv * (h[hPrev + j] - nn) * z * (1f - z);
            float dn = dhv * (1f - z) * (1f - nn * nn);
            float dr = dn * hn * r * (1f - r);
            dxp[xo + j] = dr;
            dxp[xo + hsz + j] = dz;
            dxp[xo + 2 * hsz + j] = dn;
            dhp[po + j] = dr;
            dhp[po + hsz + j] = dz;
            dhp[po + 2 * hsz + j] = dn * r;
            dhNext[d0 + j] = dhv * z;
        }
    }

    @Override
    public void rnn(Activation act, ScanState st, ScanGrads g, float[] dh, int s, int from, int n) {
        rnnScalar(act, st, g, dh, s, from, 0, n);
    }

    /** Elements [from + i0, from + i1) of step s ({@link CellBackwardMath#rnn}). */
    static void rnnScalar(Activation act, ScanState st, ScanGrads g, float[] dh, int s, int from, int i0, int i1) {
        int hsz = st.hidden;
        float[] h = st.h, dxp = g.dxp, dhp = g.dhp;
        int ho = st.outRow(s, from / hsz) * hsz + from % hsz;
        int xo = st.xRow(s, 0) * hsz + from;
        int po = st.inRow(s, 0) * hsz + from;
        for (int i = i0; i < i1; i++) {
            float d = dh[from + i] * act.derivative(h[ho + i]);
            dxp[xo + i] = d;
            dhp[po + i] = d;
        }
    }
}
