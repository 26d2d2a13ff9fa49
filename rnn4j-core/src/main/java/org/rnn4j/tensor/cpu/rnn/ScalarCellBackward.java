package org.rnn4j.tensor.cpu.rnn;

import org.rnn4j.nn.Activation;

/**
 * The scalar {@link CellBackwardMath}: the reference order of operations, which the vector
 * implementation repeats lane for lane (and calls for its tail).
 */
final class ScalarCellBackward implements CellBackwardMath {
    @Override
    public void lstm(Activation act, Activation gate, float[] wci, float[] wcf, float[] wco,
                     float[] dwci, float[] dwcf, float[] dwco,
                     float[] sv, int so, int hsz, float[] c, int cPrev, int cOut,
                     float[] dho, float[] dc, int d0, float[] dxp, int xo, float[] dhp, int po, int j0, int j1) {
        lstmScalar(act, gate, wci, wcf, wco, dwci, dwcf, dwco, sv, so, hsz, c, cPrev, cOut,
                dho, dc, d0, dxp, xo, dhp, po, j0, j1);
    }

    static void lstmScalar(Activation act, Activation gate, float[] wci, float[] wcf, float[] wco,
                           float[] dwci, float[] dwcf, float[] dwco,
                           float[] sv, int so, int hsz, float[] c, int cPrev, int cOut,
                           float[] dho, float[] dc, int d0, float[] dxp, int xo, float[] dhp, int po,
                           int j0, int j1) {
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
    public void gru(float[] sv, int so, int hsz, float[] h, int hPrev, float[] dh, float[] dhNext, int d0,
                    float[] dxp, int xo, float[] dhp, int po, int j0, int j1) {
        gruScalar(sv, so, hsz, h, hPrev, dh, dhNext, d0, dxp, xo, dhp, po, j0, j1);
    }

    static void gruScalar(float[] sv, int so, int hsz, float[] h, int hPrev, float[] dh, float[] dhNext, int d0,
                          float[] dxp, int xo, float[] dhp, int po, int j0, int j1) {
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
    public void rnn(Activation act, float[] h, int ho, float[] dh, int d0, float[] dxp, int xo, float[] dhp, int po, int n) {
        rnnScalar(act, h, ho, dh, d0, dxp, xo, dhp, po, 0, n);
    }

    static void rnnScalar(Activation act, float[] h, int ho, float[] dh, int d0, float[] dxp, int xo, float[] dhp, int po,
                          int from, int to) {
        for (int i = from; i < to; i++) {
            float d = dh[d0 + i] * act.derivative(h[ho + i]);
            dxp[xo + i] = d;
            dhp[po + i] = d;
        }
    }
}
