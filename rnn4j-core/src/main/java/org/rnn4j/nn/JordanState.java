package org.rnn4j.nn;

/**
 * Workspaces of one Jordan-network scan, sized once per call: what {@link JordanScan#forward}
 * writes and its backward reads.
 */
final class JordanState {
    /** Sequence length T, batch B, hidden size H, output size O. */
    public final int steps, batch, hidden, out;
    /** [T, B, H]: x W_ih^T + b_h, one GEMM before the scan. */
    public final float[] xp;
    /** [T, B, H]: the hidden activations a_t. */
    public final float[] a;
    /** [T+1, B, O]: y[0] = 0, y[t+1] = the output of step t. */
    public final float[] y;

    JordanState(int steps, int batch, int hidden, int out) {
        this.steps = steps;
        this.batch = batch;
        this.hidden = hidden;
        this.out = out;
        this.xp = new float[steps * batch * hidden];
        this.a = new float[steps * batch * hidden];
        this.y = new float[(steps + 1) * batch * out];
    }
}
