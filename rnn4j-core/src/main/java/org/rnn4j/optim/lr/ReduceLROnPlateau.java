package org.rnn4j.optim.lr;

import java.util.LinkedHashMap;
import java.util.Map;
import org.rnn4j.optim.Optimizer;
import org.rnn4j.optim.StateDicts;
import org.rnn4j.tensor.Tensor;

/**
 * Reduces the learning rate when a metric stops improving, like
 * {@code torch.optim.lr_scheduler.ReduceLROnPlateau}: call {@link #step(double)} with the
 * validation metric once per epoch ({@link #step()} without one throws).
 *
 * <p>At each step with metric m (mode min; max mirrors it): m is an improvement if
 * {@code m < best·(1 − threshold)} (thresholdMode rel) or {@code m < best − threshold} (abs);
 * then {@code best = m} and the count of bad epochs restarts, else it grows by one. During a
 * cooldown (the {@code cooldown} epochs after a reduction) bad epochs are not counted. When
 * more than {@code patience} bad epochs have passed:
 * <pre>
 *   lr ← max(lr · factor, minLr)      unless that changes lr by eps or less
 * </pre>
 * and the cooldown starts. Nothing is chained: the lr only changes on a reduction.
 *
 * <p>State: PyTorch's attributes as numbers: {@code factor}, {@code min_lrs} ({@code [1]}),
 * {@code patience}, {@code cooldown}, {@code cooldown_counter}, {@code mode} (0 = min, 1 = max),
 * {@code threshold}, {@code threshold_mode} (0 = rel, 1 = abs), {@code best},
 * {@code num_bad_epochs}, {@code mode_worse}, {@code eps}, {@code last_epoch} and
 * {@code _last_lr} ({@code [1]}).
 */
public final class ReduceLROnPlateau extends LRScheduler {

    /**
     * The scheduler's arguments, an immutable value with PyTorch's defaults
     * ({@link ReduceLROnPlateau#options()}): mode "min", factor 0.1, patience 10, threshold 1e-4,
     * threshold_mode "rel", cooldown 0, min_lr 0, eps 1e-8.
     */
    public record Options(String mode, double factor, int patience, double threshold, String thresholdMode,
                          int cooldown, double minLr, double eps) {
        /** {@code "min"} (the metric should fall, e.g. a loss) or {@code "max"} (e.g. accuracy). */
        public Options mode(String v) {
            return new Options(v, factor, patience, threshold, thresholdMode, cooldown, minLr, eps);
        }

        public Options factor(double v) {
            return new Options(mode, v, patience, threshold, thresholdMode, cooldown, minLr, eps);
        }

        public Options patience(int v) {
            return new Options(mode, factor, v, threshold, thresholdMode, cooldown, minLr, eps);
        }

        public Options threshold(double v) {
            return new Options(mode, factor, patience, v, thresholdMode, cooldown, minLr, eps);
        }

        /** {@code "rel"} or {@code "abs"}. */
        public Options thresholdMode(String v) {
            return new Options(mode, factor, patience, threshold, v, cooldown, minLr, eps);
        }

        public Options cooldown(int v) {
            return new Options(mode, factor, patience, threshold, thresholdMode, v, minLr, eps);
        }

        public Options minLr(double v) {
            return new Options(mode, factor, patience, threshold, thresholdMode, cooldown, v, eps);
        }

        public Options eps(double v) {
            return new Options(mode, factor, patience, threshold, thresholdMode, cooldown, minLr, v);
        }
    }

    private static final Options DEFAULTS = new Options("min", 0.1, 10, 1e-4, "rel", 0, 0.0, 1e-8);

    /** The default options. */
    public static Options options() {
        return DEFAULTS;
    }

    private Options opts;
    private boolean max;
    private boolean abs;
    private double best;
    private int numBadEpochs;
    private int cooldownCounter;

    /** ReduceLROnPlateau with PyTorch's defaults. */
    public ReduceLROnPlateau(Optimizer optimizer) {
        this(optimizer, DEFAULTS);
    }

    /**
     * @throws IllegalArgumentException in PyTorch's words: "Factor should be &lt; 1.0.",
     *     "mode avg is unknown!", "threshold mode x is unknown!"
     */
    public ReduceLROnPlateau(Optimizer optimizer, Options options) {
        super(optimizer);
        setOptions(options);
        best = modeWorse();
        setLastEpoch(0);
    }

    private void setOptions(Options o) {
        if (o == null) throw new IllegalArgumentException("options must not be null");
        if (!(o.factor() < 1.0)) throw new IllegalArgumentException("Factor should be < 1.0.");
        if (!"min".equals(o.mode()) && !"max".equals(o.mode())) {
            throw new IllegalArgumentException("mode " + o.mode() + " is unknown!");
        }
        if (!"rel".equals(o.thresholdMode()) && !"abs".equals(o.thresholdMode())) {
            throw new IllegalArgumentException("threshold mode " + o.thresholdMode() + " is unknown!");
        }
        opts = o;
        max = o.mode().equals("max");
        abs = o.thresholdMode().equals("abs");
    }

    private double modeWorse() {
        return max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    /** The options in use. */
    public Options config() {
        return opts;
    }

    /**
     * Steps one epoch with the metric observed, reducing the lr after {@code patience} bad epochs.
     */
    public void step(double metric) {
        setLastEpoch(lastEpoch() + 1);
        if (isBetter(metric)) {
            best = metric;
            numBadEpochs = 0;
        } else {
            numBadEpochs++;
        }
        if (cooldownCounter > 0) {
            cooldownCounter--;
            numBadEpochs = 0; // bad epochs in cooldown do not count
        }
        if (numBadEpochs > opts.patience()) {
            reduceLr();
            cooldownCounter = opts.cooldown();
            numBadEpochs = 0;
        }
        setLastLr(optimizer().lr());
    }

    private boolean isBetter(double a) {
        double t = opts.threshold();
        if (!max) return abs ? a < best - t : a < best * (1. - t);
        return abs ? a > best + t : a > best * (t + 1.);
    }

    private void reduceLr() {
        double old = optimizer().lr();
        double reduced = Math.max(old * opts.factor(), opts.minLr());
        if (old - reduced > opts.eps()) optimizer().scheduleLr(reduced);
    }

    /** Not available: this scheduler steps on a metric. */
    @Override
    public void step() {
        throw new UnsupportedOperationException("ReduceLROnPlateau steps on a metric: call step(double metric)");
    }

    /** Not used: the lr changes only in {@link #step(double)}. */
    @Override
    protected double computeLr() {
        return optimizer().lr();
    }

    @Override
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        StateDicts.putDouble(out, "factor", opts.factor());
        StateDicts.putDoubles(out, "min_lrs", opts.minLr());
        StateDicts.putLong(out, "patience", opts.patience());
        StateDicts.putLong(out, "cooldown", opts.cooldown());
        StateDicts.putLong(out, "cooldown_counter", cooldownCounter);
        StateDicts.putLong(out, "mode", max ? 1 : 0);
        StateDicts.putDouble(out, "threshold", opts.threshold());
        StateDicts.putLong(out, "threshold_mode", abs ? 1 : 0);
        StateDicts.putDouble(out, "best", best);
        StateDicts.putLong(out, "num_bad_epochs", numBadEpochs);
        StateDicts.putDouble(out, "mode_worse", modeWorse());
        StateDicts.putDouble(out, "eps", opts.eps());
        StateDicts.putLong(out, "last_epoch", lastEpoch());
        StateDicts.putDoubles(out, "_last_lr", lastLr());
        return out;
    }

    @Override
    public void loadStateDict(Map<String, Tensor> state) {
        Map<String, Tensor> before = stateDict();
        checkKeys(state, before.keySet());
        try {
            read(state);
        } catch (IllegalArgumentException e) {
            read(before);
            throw e;
        }
    }

    private void read(Map<String, Tensor> in) {
        String mode = code(in, "mode", "min", "max");
        String thresholdMode = code(in, "threshold_mode", "rel", "abs");
        setOptions(new Options(mode, StateDicts.getDouble(in, "factor"), StateDicts.getInt(in, "patience"),
                StateDicts.getDouble(in, "threshold"), thresholdMode, StateDicts.getInt(in, "cooldown"),
                StateDicts.getDoubles(in, "min_lrs", 1)[0], StateDicts.getDouble(in, "eps")));
        cooldownCounter = StateDicts.getInt(in, "cooldown_counter");
        best = StateDicts.getDouble(in, "best");
        numBadEpochs = StateDicts.getInt(in, "num_bad_epochs");
        setLastEpoch(StateDicts.getInt(in, "last_epoch"));
        setLastLr(StateDicts.getDoubles(in, "_last_lr", 1)[0]);
    }

    private static String code(Map<String, Tensor> in, String key, String zero, String one) {
        int v = StateDicts.getInt(in, key);
        if (v != 0 && v != 1) {
            throw new IllegalArgumentException("state dict key '" + key + "': expected 0 (" + zero + ") or 1 (" + one
                    + "), got " + v);
        }
        return v == 0 ? zero : one;
    }
}
