package org.rnn4j.tensor.cpu.rnn;

import java.util.Arrays;
import org.rnn4j.nn.Activation;
import org.rnn4j.tensor.cpu.math.Elementwise;

/** Elman cell: {@code h' = act(xp + hp)}; backward needs only h' itself. */
public final class RnnCellKernel implements CellKernel {
    private static final Elementwise EW = Elementwise.get();

    private final Activation act;

    public RnnCellKernel(Activation act) {
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
        EW.add(xp, xo, hp, 0, h, ho, n);
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

    @Override
    public boolean sumsProjections() {
        return true;
    }

    /** {@link #forward} for units [j0, j1). */
    @Override
    public void forwardUnits(ScanState st, int s, Block blk, float[] hp, int hpOff, int ldh) {
        int b0 = blk.b0(), b1 = blk.b1(), j0 = blk.j0(), j1 = blk.j1();
        int bsz = st.batch;
        int hsz = st.hidden;
        int u = j1 - j0;
        float[] xp = st.xp;          // [T, B, H]
        float[] h = st.h;            // [T+1, B, H]
        int t = st.time(s);
        for (int b = b0; b < b1; b++) {
            int xo = (t * bsz + b) * hsz + j0;
            int ho = ((s + 1) * bsz + b) * hsz + j0;
            int po = hpOff + (b - b0) * ldh;
            EW.add(xp, xo, hp, po, h, ho, u);
            act.applyInPlace(h, ho, u);
        }
    }

    private static final CellBackwardMath MATH = CellBackwardMath.get();

    @Override
    public void backward(ScanState st, ScanGrads g, int s) {
        int n = st.batch * st.hidden;
        MATH.rnn(act, st, g, g.dh, s, 0, n);
        Arrays.fill(g.dhNext, 0, n, 0f);
    }

    @Override
    public boolean hasUnitRangeBackward() {
        return true;
    }

    @Override
    public void backwardUnits(ScanState st, ScanGrads g, int s, Block blk, float[] dh, float[] dhNext) {
        int b0 = blk.b0(), b1 = blk.b1(), j0 = blk.j0(), j1 = blk.j1();
        int hsz = st.hidden;
        for (int b = b0; b < b1; b++) {
            int r = b * hsz + j0;
            MATH.rnn(act, st, g, dh, s, r, j1 - j0);
            Arrays.fill(dhNext, r, b * hsz + j1, 0f);
        }
    }
}
