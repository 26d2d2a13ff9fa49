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

    /**
     * The whole step as (at most) two contiguous ranges: the rows whose state the next step reads,
     * then the rows whose sequences end here, whose state goes to the final slot ({@link StepRows}).
     */
    @Override
    public void forward(ScanState st, int s) {
        int n = st.rows(s);
        int cont = st.layout.continuing(s);
        if (cont > 0) forwardRows(st, s, 0, cont);
        if (cont < n) forwardRows(st, s, cont, n);
    }

    /** Rows [b0, b1) of step s, whose states are contiguous, in one pass. */
    private void forwardRows(ScanState st, int s, int b0, int b1) {
        int hsz = st.hidden;
        int len = (b1 - b0) * hsz;
        int ho = st.outRow(s, b0) * hsz;
        EW.add(st.xp, st.xRow(s, b0) * hsz, st.hp, b0 * hsz, st.h, ho, len);
        act.applyInPlace(st.h, ho, len);
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
        int hsz = st.hidden;
        int u = j1 - j0;
        float[] xp = st.xp;          // [N, H] by time
        float[] h = st.h;            // [N+B, H] state slots
        for (int b = b0; b < b1; b++) {
            int xo = st.xRow(s, b) * hsz + j0;
            int ho = st.outRow(s, b) * hsz + j0;
            int po = hpOff + (b - b0) * ldh;
            EW.add(xp, xo, hp, po, h, ho, u);
            act.applyInPlace(h, ho, u);
        }
    }

    private static final CellBackwardMath MATH = CellBackwardMath.get();

    /** The whole step as the two contiguous ranges of {@link #forward}. */
    @Override
    public void backward(ScanState st, ScanGrads g, int s) {
        int hsz = st.hidden;
        int n = st.rows(s);
        int cont = st.layout.continuing(s);
        if (cont > 0) MATH.rnn(act, st, g, g.dh, s, 0, cont * hsz);
        if (cont < n) MATH.rnn(act, st, g, g.dh, s, cont * hsz, (n - cont) * hsz);
        Arrays.fill(g.dhNext, 0, n * hsz, 0f);  // this step's rows only (see LstmCellKernel.backward)
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
