package org.rnn4j.optim.lr;

import java.util.Map;
import org.rnn4j.optim.Optimizer;
import org.rnn4j.optim.Py;
import org.rnn4j.optim.StateDicts;
import org.rnn4j.tensor.Tensor;

/**
 * The 1cycle policy, like {@code torch.optim.lr_scheduler.OneCycleLR} (step it once per batch):
 * the learning rate rises from {@code initial_lr = maxLr / divFactor} to {@code maxLr} over the
 * first {@code pctStart} of {@code totalSteps}, then falls to
 * {@code min_lr = initial_lr / finalDivFactor}; with {@code threePhase} it first falls back to
 * {@code initial_lr} symmetrically, then to {@code min_lr}. The momentum (SGD's or RMSprop's
 * momentum, Adam's and AdamW's beta1) moves the other way, between {@code maxMomentum} and
 * {@code baseMomentum}, when {@code cycleMomentum} is on.
 *
 * <p>Within a phase from step a to step b (a = the previous phase's end, 0 for the first; the
 * ends are {@code pctStart·totalSteps − 1}, {@code 2·pctStart·totalSteps − 2} (three phases)
 * and {@code totalSteps − 1}), at step e with {@code t = (e − a) / (b − a)}:
 * <pre>
 *   cos:     value = end + (start − end) / 2 · (1 + cos(π·t))
 *   linear:  value = (end − start) · t + start
 * </pre>
 * for the lr and the momentum alike (a closed form: this scheduler does not chain). The last
 * phase extends past its end, so the step that reaches epoch {@code totalSteps} is allowed, as
 * in PyTorch (with the linear anneal its lr is below {@code min_lr}, even negative); one more
 * throws. The bounds live in the optimizer's group entries {@code initial_lr}, {@code max_lr},
 * {@code min_lr}, {@code max_momentum}, {@code base_momentum}, as in PyTorch.
 *
 * <p>State: {@code total_steps}, {@code _schedule_phases.{k}.end_step},
 * {@code _anneal_func_type} (0 = cos, 1 = linear), {@code cycle_momentum}, {@code use_beta1}
 * and the base entries.
 */
public final class OneCycleLR extends LRScheduler {

    /**
     * OneCycleLR's arguments besides maxLr and totalSteps, an immutable value with PyTorch's
     * defaults ({@link OneCycleLR#options()}): pct_start 0.3, anneal_strategy "cos",
     * cycle_momentum true, base_momentum 0.85, max_momentum 0.95, div_factor 25,
     * final_div_factor 1e4, three_phase false.
     */
    public record Options(double pctStart, String annealStrategy, boolean cycleMomentum, double baseMomentum,
                          double maxMomentum, double divFactor, double finalDivFactor, boolean threePhase) {
        public Options pctStart(double v) {
            return new Options(v, annealStrategy, cycleMomentum, baseMomentum, maxMomentum, divFactor,
                    finalDivFactor, threePhase);
        }

        /** {@code "cos"} or {@code "linear"}. */
        public Options annealStrategy(String v) {
            return new Options(pctStart, v, cycleMomentum, baseMomentum, maxMomentum, divFactor, finalDivFactor,
                    threePhase);
        }

        public Options cycleMomentum(boolean v) {
            return new Options(pctStart, annealStrategy, v, baseMomentum, maxMomentum, divFactor, finalDivFactor,
                    threePhase);
        }

        public Options baseMomentum(double v) {
            return new Options(pctStart, annealStrategy, cycleMomentum, v, maxMomentum, divFactor, finalDivFactor,
                    threePhase);
        }

        public Options maxMomentum(double v) {
            return new Options(pctStart, annealStrategy, cycleMomentum, baseMomentum, v, divFactor, finalDivFactor,
                    threePhase);
        }

        public Options divFactor(double v) {
            return new Options(pctStart, annealStrategy, cycleMomentum, baseMomentum, maxMomentum, v, finalDivFactor,
                    threePhase);
        }

        public Options finalDivFactor(double v) {
            return new Options(pctStart, annealStrategy, cycleMomentum, baseMomentum, maxMomentum, divFactor, v,
                    threePhase);
        }

        public Options threePhase(boolean v) {
            return new Options(pctStart, annealStrategy, cycleMomentum, baseMomentum, maxMomentum, divFactor,
                    finalDivFactor, v);
        }
    }

    private static final Options DEFAULTS = new Options(0.3, "cos", true, 0.85, 0.95, 25.0, 1e4, false);
    /** Per phase: the group entries it anneals from and to, lr then momentum (PyTorch's _schedule_phases). */
    private static final String[][] TWO_PHASES = {
        {"initial_lr", "max_lr", "max_momentum", "base_momentum"},
        {"max_lr", "min_lr", "base_momentum", "max_momentum"}};
    private static final String[][] THREE_PHASES = {
        {"initial_lr", "max_lr", "max_momentum", "base_momentum"},
        {"max_lr", "initial_lr", "base_momentum", "max_momentum"},
        {"initial_lr", "min_lr", "max_momentum", "max_momentum"}};

    /** The default options. */
    public static Options options() {
        return DEFAULTS;
    }

    private int totalSteps;
    private double[] phaseEnds;
    private boolean linear;
    private boolean cycleMomentum;
    private boolean useBeta1;

    /** OneCycleLR with PyTorch's defaults. */
    public OneCycleLR(Optimizer optimizer, double maxLr, int totalSteps) {
        this(optimizer, maxLr, totalSteps, DEFAULTS);
    }

    /**
     * @throws IllegalArgumentException in PyTorch's words where it has them: "Expected positive
     *     integer total_steps, but got 0", "Expected float between 0 and 1 pct_start, but got
     *     1.5", "anneal_strategy must be one of 'cos' or 'linear', instead got exp", "optimizer
     *     must support momentum with `cycle_momentum` option enabled"; also a negative or NaN
     *     maxLr, a non-positive div factor, a NaN momentum, and a pct_start that leaves the first
     *     phase empty (PyTorch divides by zero there)
     */
    public OneCycleLR(Optimizer optimizer, double maxLr, int totalSteps, Options options) {
        super(optimizer);
        if (options == null) throw new IllegalArgumentException("options must not be null");
        this.totalSteps = Args.positive("total_steps", totalSteps);
        double pct = options.pctStart();
        if (!(pct >= 0 && pct <= 1)) {
            throw new IllegalArgumentException("Expected float between 0 and 1 pct_start, but got " + Py.repr(pct));
        }
        this.linear = anneal(options.annealStrategy());
        if (!(maxLr >= 0)) throw new IllegalArgumentException("Invalid max_lr value: " + Py.repr(maxLr));
        Args.positive("div_factor", options.divFactor());
        Args.positive("final_div_factor", options.finalDivFactor());
        this.cycleMomentum = options.cycleMomentum();
        if (cycleMomentum) {
            if (optimizer.momentumKey() == null) {
                throw new IllegalArgumentException("optimizer must support momentum with `cycle_momentum` option enabled");
            }
            Args.number("base_momentum", options.baseMomentum());
            Args.number("max_momentum", options.maxMomentum());
        }
        this.useBeta1 = "betas".equals(optimizer.momentumKey());
        this.phaseEnds = options.threePhase()
                ? new double[] {pct * totalSteps - 1, 2 * pct * totalSteps - 2, totalSteps - 1}
                : new double[] {pct * totalSteps - 1, totalSteps - 1};
        if (phaseStart(0) == phaseEnds[phase(0)]) {
            throw new IllegalArgumentException("pct_start " + Py.repr(pct) + " with total_steps " + totalSteps
                    + " leaves the first phase of the schedule empty (PyTorch: float division by zero)");
        }
        double initialLr = maxLr / options.divFactor();
        optimizer.setGroupEntry("initial_lr", initialLr);
        optimizer.setGroupEntry("max_lr", maxLr);
        optimizer.setGroupEntry("min_lr", initialLr / options.finalDivFactor());
        if (cycleMomentum) {
            optimizer.scheduleMomentum(options.maxMomentum());
            optimizer.setGroupEntry("max_momentum", options.maxMomentum());
            optimizer.setGroupEntry("base_momentum", options.baseMomentum());
        }
        initialStep();
    }

    private static boolean anneal(String strategy) {
        if ("cos".equals(strategy)) return false;
        if ("linear".equals(strategy)) return true;
        throw new IllegalArgumentException("anneal_strategy must be one of 'cos' or 'linear', instead got " + strategy);
    }

    /** The phase of step {@code e}: the first whose end is not before e, or the last. */
    private int phase(int e) {
        for (int i = 0; i < phaseEnds.length - 1; i++) if (e <= phaseEnds[i]) return i;
        return phaseEnds.length - 1;
    }

    /** Where phase {@code i} starts: the previous phase's end, 0 for the first. */
    private double phaseStart(int i) {
        return i == 0 ? 0 : phaseEnds[i - 1];
    }

    @Override
    protected double computeLr() {
        int e = lastEpoch();
        if (e > totalSteps) {
            throw new IllegalStateException("Tried to step " + (e + 1) + " times. The specified number of total steps is "
                    + totalSteps);
        }
        int i = phase(e);
        double start = phaseStart(i);
        if (phaseEnds[i] == start) {
            throw new IllegalStateException("float division by zero: phase " + i + " of the schedule is empty");
        }
        double pct = (e - start) / (phaseEnds[i] - start);
        String[] keys = (phaseEnds.length == 3 ? THREE_PHASES : TWO_PHASES)[i];
        Optimizer o = optimizer();
        double lr = anneal(o.groupEntry(keys[0]), o.groupEntry(keys[1]), pct);
        if (cycleMomentum) o.scheduleMomentum(anneal(o.groupEntry(keys[2]), o.groupEntry(keys[3]), pct));
        return lr;
    }

    private double anneal(double start, double end, double pct) {
        if (linear) return (end - start) * pct + start;
        double cosOut = Math.cos(Math.PI * pct) + 1;
        return end + (start - end) / 2.0 * cosOut;
    }

    @Override
    protected void writeState(Map<String, Tensor> out) {
        StateDicts.putLong(out, "total_steps", totalSteps);
        for (int i = 0; i < phaseEnds.length; i++) {
            StateDicts.putDouble(out, "_schedule_phases." + i + ".end_step", phaseEnds[i]);
        }
        StateDicts.putLong(out, "_anneal_func_type", linear ? 1 : 0);
        StateDicts.putBool(out, "cycle_momentum", cycleMomentum);
        StateDicts.putBool(out, "use_beta1", useBeta1);
    }

    @Override
    protected void readState(Map<String, Tensor> in) {
        totalSteps = Args.positive("total_steps", StateDicts.getInt(in, "total_steps"));
        for (int i = 0; i < phaseEnds.length; i++) {
            phaseEnds[i] = Args.number("end_step", StateDicts.getDouble(in, "_schedule_phases." + i + ".end_step"));
        }
        int anneal = StateDicts.getInt(in, "_anneal_func_type");
        if (anneal != 0 && anneal != 1) {
            throw new IllegalArgumentException("state dict key '_anneal_func_type': expected 0 (cos) or 1 (linear), got "
                    + anneal);
        }
        linear = anneal == 1;
        cycleMomentum = StateDicts.getBool(in, "cycle_momentum");
        useBeta1 = StateDicts.getBool(in, "use_beta1");
        if (cycleMomentum && useBeta1 != "betas".equals(optimizer().momentumKey())) {
            throw new IllegalArgumentException("state dict key 'use_beta1' is " + useBeta1 + ", but "
                    + optimizer().getClass().getSimpleName() + " cycles its " + optimizer().momentumKey());
        }
    }
}
