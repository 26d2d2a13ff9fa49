package org.rnn4j.tasks.forecast;

import org.rnn4j.nn.Linear;
import org.rnn4j.nn.Module;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.nn.RecurrentConfig;
import org.rnn4j.tensor.Tensor;

/**
 * The forecaster: a recurrent encoder (RNN, LSTM or GRU, batch-first) reads the normalised
 * lookback window x [B, L, C]; a linear head maps its last output h_L to all H steps at once
 * (direct multi-horizon, no fed-back predictions), added to the seasonal-naive forecast b [B, H]:
 * <pre>
 *   ŷ = b + W h_L + c
 * </pre>
 * The head starts small (weights scaled by 0.1, bias 0), so training starts from the seasonal-naive
 * forecast and learns what to correct. Parameter names: {@code rnn.*} as PyTorch's, {@code head.weight},
 * {@code head.bias}.
 */
public final class ForecastNet extends Module {
    private final Recurrent rnn;
    private final Linear head;
    private final int horizon;

    /** Builds the net from {@code rnn} (batch_first is forced on) with weights from the default generator. */
    public ForecastNet(RecurrentConfig rnn, int horizon) {
        if (horizon < 1) throw new IllegalArgumentException("ForecastNet: horizon must be >= 1, got " + horizon);
        this.rnn = Recurrent.of(rnn.batchFirst(true));
        this.horizon = horizon;
        registerModule("rnn", this.rnn.module());
        this.head = registerModule("head", new Linear(this.rnn.config().outputSize(), horizon));
        head.weight().copyFrom(head.weight().detach().mul(0.1f));
        head.bias().fill(0f);
    }

    public RecurrentConfig config() {
        return rnn.config();
    }

    public int horizon() {
        return horizon;
    }

    /** ŷ [B, H] from the window {@code input} [B, L, C] and the seasonal-naive {@code base} [B, H]. */
    public Tensor forward(Tensor input, Tensor base) {
        Tensor out = rnn.run(input).output();              // [B, L, D*P]
        Tensor last = out.select(1, out.size(1) - 1);      // [B, D*P]
        return head.forward(last).add(base);
    }

    @Override
    protected String extraRepr() {
        return "horizon=" + horizon;
    }
}
