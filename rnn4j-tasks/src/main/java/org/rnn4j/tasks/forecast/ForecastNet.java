package org.rnn4j.tasks.forecast;

import org.rnn4j.nn.Linear;
import org.rnn4j.nn.Module;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.nn.RecurrentConfig;
import org.rnn4j.tensor.Tensor;

/**
 * The forecaster: a recurrent encoder (RNN, LSTM or GRU, batch-first) reads the normalised
 * lookback window x [B, L, C]; a linear head maps its last output h_L to all H steps at once
 * (direct multi-horizon, no fed-back predictions). Beside it, as LSTNet's autoregressive highway,
 * a linear map of the window's target channel z = x[:, :, 0]; both are added to the
 * seasonal-naive forecast b [B, H]:
 * <pre>
 *   ŷ = b + W h_L + c + A z
 * </pre>
 * The heads start small (W scaled by 0.1, c and A zero), so training starts from the
 * seasonal-naive forecast and learns what to correct. Parameter names: {@code rnn.*} as PyTorch's,
 * {@code head.weight}, {@code head.bias}, {@code ar.weight}.
 */
public final class ForecastNet extends Module {
    private final Recurrent rnn;
    private final Linear head;
    private final Linear ar;
    private final int lookback;
    private final int horizon;

    /** Builds the net from {@code rnn} (batch_first is forced on) with weights from the default generator. */
    public ForecastNet(RecurrentConfig rnn, int lookback, int horizon) {
        if (horizon < 1) throw new IllegalArgumentException("ForecastNet: horizon must be >= 1, got " + horizon);
        if (lookback < 1) throw new IllegalArgumentException("ForecastNet: lookback must be >= 1, got " + lookback);
        this.rnn = Recurrent.of(rnn.batchFirst(true));
        this.lookback = lookback;
        this.horizon = horizon;
        registerModule("rnn", this.rnn.module());
        this.head = registerModule("head", new Linear(this.rnn.config().outputSize(), horizon));
        this.ar = registerModule("ar", new Linear(lookback, horizon, false));
        head.weight().copyFrom(head.weight().detach().mul(0.1f));
        head.bias().fill(0f);
        ar.weight().fill(0f);
    }

    public RecurrentConfig config() {
        return rnn.config();
    }

    /** The encoder (child {@code rnn}), as exporters read it; batch-first. */
    public Recurrent rnn() {
        return rnn;
    }

    /** The horizon head W h_L + c (child {@code head}). */
    public Linear head() {
        return head;
    }

    /** The autoregressive highway A z, without bias (child {@code ar}). */
    public Linear ar() {
        return ar;
    }

    public int lookback() {
        return lookback;
    }

    public int horizon() {
        return horizon;
    }

    /** ŷ [B, H] from the window {@code input} [B, L, C] and the seasonal-naive {@code base} [B, H]. */
    public Tensor forward(Tensor input, Tensor base) {
        if (input.dim() != 3 || input.size(1) != lookback) {
            throw new IllegalArgumentException("ForecastNet: expected input [B, " + lookback + ", C], got "
                    + java.util.Arrays.toString(input.shape()));
        }
        Tensor out = rnn.run(input).output();              // [B, L, D*P]
        Tensor last = out.select(1, lookback - 1);         // [B, D*P]
        Tensor z = input.select(2, 0);                     // [B, L]
        return head.forward(last).add(ar.forward(z)).add(base);
    }

    @Override
    protected String extraRepr() {
        return "lookback=" + lookback + ", horizon=" + horizon;
    }
}
