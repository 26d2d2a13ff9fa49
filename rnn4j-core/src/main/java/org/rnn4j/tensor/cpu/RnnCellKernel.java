package org.rnn4j.tensor.cpu;

import java.util.Arrays;

/** Elman cell: {@code h' = act(xp + hp)}; backward needs only h' itself. */
public final class RnnCellKernel implements CellKernel {
    private final Act act;

    public RnnCellKernel(Act act) {
        this.act = act;
    }

    @Override
    public int gates() {
        return 1;
    }

    @Override
    public int savedPerUnit() {
        return 0;
    }

    @Override
    public boolean hasCellState() {
        return false;
    }

    @Override
    public void forward(ScanState st, int s) {
        int n = st.batch * st.hidden;
        float[] xp = st.xp;          // [T, B, H]
        int xo = st.time(s) * n;
        float[] hp = st.hp;          // [B, H]
        float[] h = st.h;            // [T+1, B, H]
        int ho = (s + 1) * n;
        for (int i = 0; i < n; i++) h[ho + i] = xp[xo + i] + hp[i];
        act.applyInPlace(h, ho, n);
    }

    @Override
    public boolean hasUnitRangeForward() {
        return true;
    }

    @Override
    public boolean sameProjectionGrads() {
        return true;
    }

    /** {@link #forward} for units [j0, j1). */
    @Override
    public void forwardUnits(ScanState st, int s, int j0, int j1, float[] hp, int hpOff, int ldh) {
        int bsz = st.batch;
        int hsz = st.hidden;
        int u = j1 - j0;
        float[] xp = st.xp;          // [T, B, H]
        float[] h = st.h;            // [T+1, B, H]
        int t = st.time(s);
        for (int b = 0; b < bsz; b++) {
            int xo = (t * bsz + b) * hsz + j0;
            int ho = ((s + 1) * bsz + b) * hsz + j0;
            int po = hpOff + b * ldh;
            for (int jj = 0; jj < u; jj++) h[ho + jj] = xp[xo + jj] + hp[po + jj];
            act.applyInPlace(h, ho, u);
        }
    }

    private static final CellBackwardMath MATH = CellBackwardMath.get();

    @Override
    public void backward(ScanState st, ScanGrads g, int s) {
        int n = st.batch * st.hidden;
        MATH.rnn(act, st.h, (s + 1) * n, g.dh, 0, g.dxp, st.time(s) * n, g.dhp, s * n, n);
        Arrays.fill(g.dhNext, 0, n, 0f);
    }

    @Override
    public boolean hasUnitRangeBackward() {
        return true;
    }

    @Override
    public void backwardUnits(ScanState st, ScanGrads g, int s, int j0, int j1, float[] dh, float[] dhNext) {
        int bsz = st.batch;
        int hsz = st.hidden;
        int n = bsz * hsz;
        int t = st.time(s);
        for (int b = 0; b < bsz; b++) {
            int r = b * hsz + j0;
            MATH.rnn(act, st.h, (s + 1) * n + r, dh, r, g.dxp, t * n + r, g.dhp, s * n + r, j1 - j0);
            Arrays.fill(dhNext, r, b * hsz + j1, 0f);
        }
    }
}
