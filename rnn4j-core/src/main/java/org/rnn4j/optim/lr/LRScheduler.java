package org.rnn4j.optim.lr;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.rnn4j.optim.Optimizer;
import org.rnn4j.optim.StateDicts;
import org.rnn4j.tensor.Tensor;

/**
 * Base of the learning-rate schedulers, like PyTorch's {@code torch.optim.lr_scheduler.LRScheduler}
 * (1.13's {@code _LRScheduler}) for an optimizer with one parameter group.
 *
 * <p>Call {@link #step()} once per epoch (or batch) after {@code optimizer.step()}. A scheduler
 * steps once when it is built (PyTorch's initial step: epoch 0), so the optimizer's learning
 * rate is the schedule's first value right away. Each step then sets
 * {@code lr ← f(lr, epoch)} with the chained (recursive) formula of PyTorch's {@code get_lr()}
 * — not the closed form — so the values equal PyTorch's step by step, including their rounding
 * and the composition with other schedulers or manual changes of the lr on the same optimizer.
 * The base learning rate is the optimizer's {@code initial_lr} group entry, set to its lr by the
 * first scheduler built on it ({@link Optimizer#groupEntry(String)}).
 *
 * <p>Resume: build the optimizer and the scheduler as for a fresh run, then load both state dicts
 * (the optimizer's carries the learning rate, the scheduler's its epoch and counters); as in
 * PyTorch, a scheduler built after the optimizer's state was loaded would apply its initial step
 * to the loaded lr. {@link #stateDict()} holds PyTorch's entries as numbers: {@code base_lrs}
 * ({@code [1]}), {@code last_epoch}, {@code _step_count}, {@code _last_lr} ({@code [1]}) and
 * each scheduler's arguments, exact ({@link StateDicts}).
 *
 * <p>Subclasses compute the next lr in {@link #computeLr()} and call {@link #initialStep()} at
 * the end of their constructors. Not thread-safe.
 */
public abstract class LRScheduler {
    private final Optimizer optimizer;
    private double baseLr;
    private int lastEpoch = -1;
    private int stepCount;
    private double lastLr;

    /** Attaches to {@code optimizer}; the subclass's constructor ends with {@link #initialStep()}. */
    protected LRScheduler(Optimizer optimizer) {
        if (optimizer == null) throw new IllegalArgumentException("optimizer must not be null");
        this.optimizer = optimizer;
        this.lastLr = optimizer.lr();
    }

    /**
     * PyTorch's tail of {@code __init__}: {@code initial_lr} defaults to the optimizer's lr, the
     * base lr is read from it, and the scheduler steps to epoch 0.
     */
    protected final void initialStep() {
        if (!optimizer.hasGroupEntry("initial_lr")) optimizer.setGroupEntry("initial_lr", optimizer.lr());
        baseLr = optimizer.groupEntry("initial_lr");
        lastEpoch = -1;
        stepCount = 0;
        step();
    }

    /**
     * The learning rate for epoch {@link #lastEpoch()}, PyTorch's {@code get_lr()}: usually from
     * the optimizer's current lr (chained form). Called once per step; may adjust other
     * hyper-parameters (OneCycleLR's momentum).
     */
    protected abstract double computeLr();

    /**
     * Advances one epoch and sets the optimizer's learning rate (unchecked, as PyTorch's
     * schedulers: {@link Optimizer#scheduleLr(double)}).
     *
     * @throws IllegalStateException if the schedule has ended (OneCycleLR); nothing changes then
     */
    public void step() {
        lastEpoch++;
        stepCount++;
        try {
            optimizer.scheduleLr(computeLr());
        } catch (RuntimeException e) {
            lastEpoch--;
            stepCount--;
            throw e;
        }
        lastLr = optimizer.lr();
    }

    /** The learning rate the last step set, PyTorch's {@code get_last_lr()[0]}. */
    public double lastLr() {
        return lastLr;
    }

    /** The epoch of the last step, PyTorch's {@code last_epoch} (0 right after construction). */
    public int lastEpoch() {
        return lastEpoch;
    }

    /** The scheduled optimizer. */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** PyTorch's {@code base_lrs[0]}: the optimizer's {@code initial_lr} when this scheduler was built. */
    protected final double baseLr() {
        return baseLr;
    }

    /** PyTorch's {@code _step_count}: steps taken, the initial one included. */
    protected final int stepCount() {
        return stepCount;
    }

    /** Sets what {@link #lastLr()} returns (schedulers that override {@link #step()}). */
    protected final void setLastLr(double lr) {
        this.lastLr = lr;
    }

    /** Sets the epoch (schedulers that override {@link #step()}). */
    protected final void setLastEpoch(int epoch) {
        this.lastEpoch = epoch;
    }

    /**
     * The scheduler's state as numbers (see the class comment): its arguments and counters,
     * fresh tensors.
     */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        writeState(out);
        StateDicts.putDoubles(out, "base_lrs", baseLr);
        StateDicts.putLong(out, "last_epoch", lastEpoch);
        StateDicts.putLong(out, "_step_count", stepCount);
        StateDicts.putDoubles(out, "_last_lr", lastLr);
        return out;
    }

    /**
     * Restores a state written by {@link #stateDict()} of the same scheduler class (the
     * optimizer's lr is not touched: it comes with the optimizer's state, as in PyTorch).
     *
     * @throws IllegalArgumentException for a missing or unexpected key, a wrong shape or a bad
     *     value (naming the key); nothing changes then
     */
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
        readState(in);
        baseLr = StateDicts.getDoubles(in, "base_lrs", 1)[0];
        lastEpoch = StateDicts.getInt(in, "last_epoch");
        stepCount = StateDicts.getInt(in, "_step_count");
        lastLr = StateDicts.getDoubles(in, "_last_lr", 1)[0];
    }

    /** Writes the subclass's arguments and counters (PyTorch's attribute names). */
    protected void writeState(Map<String, Tensor> out) {
    }

    /**
     * Reads what {@link #writeState} wrote, checking values as the constructor does; it may
     * assign as it goes: a failed load is undone by the caller.
     */
    protected void readState(Map<String, Tensor> in) {
    }

    /**
     * Rejects a null state, a missing key of {@code expected} or a key outside it (exact
     * {@code .f64} companions of expected keys aside).
     */
    protected static void checkKeys(Map<String, Tensor> state, Set<String> expected) {
        if (state == null) throw new IllegalArgumentException("state dict must not be null");
        for (String key : expected) {
            if (!StateDicts.isExactCompanion(key)) StateDicts.require(state, key);
        }
        for (String key : state.keySet()) {
            String base = key != null && StateDicts.isExactCompanion(key)
                    ? key.substring(0, key.length() - StateDicts.EXACT_SUFFIX.length()) : key;
            if (!expected.contains(base)) {
                throw new IllegalArgumentException("unexpected key '" + key + "' in state dict: expected "
                        + String.join(", ", expected.stream().filter(k -> !StateDicts.isExactCompanion(k)).toList()));
            }
        }
    }
}
