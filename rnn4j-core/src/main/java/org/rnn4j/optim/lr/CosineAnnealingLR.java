package org.rnn4j.optim.lr;

import java.util.Map;
import org.rnn4j.optim.Optimizer;
import org.rnn4j.optim.StateDicts;
import org.rnn4j.tensor.Tensor;

/**
 * Cosine annealing from the base lr down to η_min over T_max epochs and back up (a period of
 * 2·T_max, without restarts), like {@code torch.optim.lr_scheduler.CosineAnnealingLR}. The
 * closed form is
 * <pre>
 *   lr_e = η_min + (base_lr − η_min) · (1 + cos(π·e / T_max)) / 2
 * </pre>
 * but PyTorch's {@code step()} computes, and so does this class, the chained form:
 * <pre>
 *   lr_0 = lr
 *   lr_e = lr_{e−1} + (base_lr − η_min) · (1 − cos(π / T_max)) / 2             if (e − 1 − T_max) mod 2T_max = 0
 *   lr_e = (1 + cos(π·e / T_max)) / (1 + cos(π·(e − 1) / T_max)) · (lr_{e−1} − η_min) + η_min   otherwise
 * </pre>
 * State: {@code T_max}, {@code eta_min} and the base entries.
 */
public final class CosineAnnealingLR extends LRScheduler {
    private int tMax;
    private double etaMin;

    /** Annealing down to η_min = 0. */
    public CosineAnnealingLR(Optimizer optimizer, int tMax) {
        this(optimizer, tMax, 0.0);
    }

    /**
     * @throws IllegalArgumentException if {@code tMax <= 0} ("Expected positive integer T_max,
     *     but got 0") or η_min is NaN
     */
    public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin) {
        super(optimizer);
        this.tMax = Args.positive("T_max", tMax);
        this.etaMin = Args.number("eta_min", etaMin);
        initialStep();
    }

    @Override
    protected double computeLr() {
        double lr = optimizer().lr();
        int e = lastEpoch();
        if (e == 0) return lr;
        if (stepCount() == 1 && e > 0) {
            // PyTorch's branch for a scheduler resumed with last_epoch > 0 (not reachable from
            // this class's constructors, kept so that a loaded state behaves the same).
            return etaMin + (baseLr() - etaMin) * (1 + Math.cos(e * Math.PI / tMax)) / 2;
        }
        if (Math.floorMod(e - 1 - tMax, 2 * tMax) == 0) {
            return lr + (baseLr() - etaMin) * (1 - Math.cos(Math.PI / tMax)) / 2;
        }
        return (1 + Math.cos(Math.PI * e / tMax)) / (1 + Math.cos(Math.PI * (e - 1) / tMax)) * (lr - etaMin) + etaMin;
    }

    @Override
    protected void writeState(Map<String, Tensor> out) {
        StateDicts.putLong(out, "T_max", tMax);
        StateDicts.putDouble(out, "eta_min", etaMin);
    }

    @Override
    protected void readState(Map<String, Tensor> in) {
        tMax = Args.positive("T_max", StateDicts.getInt(in, "T_max"));
        etaMin = Args.number("eta_min", StateDicts.getDouble(in, "eta_min"));
    }
}
