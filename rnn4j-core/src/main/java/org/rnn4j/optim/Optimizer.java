package org.rnn4j.optim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rnn4j.internal.TensorAccess;
import org.rnn4j.tensor.Tensor;

/**
 * Base of the optimizers ({@link SGD}, {@link Adam}, {@link AdamW}, {@link RMSprop}), like
 * {@code torch.optim.Optimizer} with a single parameter group.
 *
 * <p>A training iteration is {@code zeroGrad()}, forward, {@code loss.backward()}, optionally
 * {@link Clip#clipGradNorm(List, double)}, then {@code step()}. {@link #step()} updates every
 * parameter whose {@link Tensor#grad()} is not null, in place in the parameter's storage (views of
 * it see the change); parameters without a gradient are skipped and their state is left alone,
 * exactly as PyTorch does. The optimizer's state (momentum buffers, moment estimates) is float32,
 * like PyTorch's.
 *
 * <p>Training guards: {@link #checkFinite(List)} and {@link #checkFinite(Map)} throw a
 * {@link NonFiniteGradientException} naming the first parameter whose gradient holds a NaN or an
 * infinity, and {@link #stepIfFinite()} skips the step instead, leaving the weights untouched.
 *
 * <p>State: {@link #stateDict()} flattens PyTorch's {@code optimizer.state_dict()} into names,
 * {@code state.{i}.{key}} per parameter and {@code param_groups.0.{hyper-parameter}}, and
 * {@link #loadStateDict(Map)} reads such a map back, from rnn4j or from PyTorch (through
 * {@code tools/optim_state.py}).
 *
 * <p>Not thread-safe: one thread trains at a time.
 */
public abstract class Optimizer {
    /**
     * The entries learning-rate schedulers keep in PyTorch's {@code param_groups[0]} beside the
     * hyper-parameters: {@code initial_lr} (every scheduler), and OneCycleLR's {@code max_lr},
     * {@code min_lr}, {@code max_momentum}, {@code base_momentum}.
     */
    public static final Set<String> SCHEDULER_ENTRIES =
            Set.of("initial_lr", "max_lr", "min_lr", "max_momentum", "base_momentum");

    private final List<Tensor> params;
    private final GroupEntries groupEntries = new GroupEntries();

    /**
     * Checks the parameter list as {@code torch.optim.Optimizer} does: not null or empty, no null
     * element, only leaf tensors ("can't optimize a non-leaf Tensor"), no duplicates. Parameters
     * need not require grad (frozen ones simply never get a gradient and are skipped).
     *
     * @throws IllegalArgumentException for a bad list, in PyTorch's words
     */
    protected Optimizer(List<Tensor> params) {
        if (params == null) {
            throw new IllegalArgumentException("params argument given to the optimizer should be "
                    + "an iterable of Tensors or dicts, but got null");
        }
        if (params.isEmpty()) {
            throw new IllegalArgumentException("optimizer got an empty parameter list");
        }
        Map<Tensor, Integer> seen = new IdentityHashMap<>();
        List<Tensor> copy = new ArrayList<>(params.size());
        for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            if (p == null) {
                throw new IllegalArgumentException("optimizer can only optimize Tensors, but one of "
                        + "the params is null (index " + i + ")");
            }
            if (!p.isLeaf()) {
                throw new IllegalArgumentException("can't optimize a non-leaf Tensor (index " + i + ")");
            }
            Integer before = seen.put(p, i);
            if (before != null) {
                throw new IllegalArgumentException("optimizer contains a parameter group with "
                        + "duplicate parameters: index " + before + " and index " + i + " are the same tensor");
            }
            copy.add(p);
        }
        this.params = Collections.unmodifiableList(copy);
    }

    /** The optimized parameters, in the order given to the constructor (an unmodifiable list). */
    public final List<Tensor> params() {
        return params;
    }

    /** Performs one optimization step over every parameter that has a gradient. */
    public abstract void step();

    /** The current learning rate. */
    public abstract double lr();

    /**
     * Changes the learning rate for the following steps (for a schedule), like assigning
     * {@code param_groups[0]['lr']}; the optimizer's state is kept.
     *
     * @throws IllegalArgumentException if {@code lr} is negative or NaN ("Invalid learning rate: -1.0")
     */
    public abstract void setLr(double lr);

    /**
     * PyTorch's name of the momentum-like hyper-parameter that {@code OneCycleLR} cycles:
     * {@code "betas"} (its first element, beta1: Adam, AdamW), {@code "momentum"} (SGD, RMSprop),
     * or null when this optimizer has none.
     */
    public String momentumKey() {
        return null;
    }

    /**
     * The value of {@link #momentumKey()}: beta1 or the momentum.
     *
     * @throws UnsupportedOperationException if the optimizer has none
     */
    public double momentum() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no momentum or beta1");
    }

    /**
     * Sets beta1 (Adam, AdamW) or the momentum (SGD, RMSprop) for the following steps, like
     * assigning {@code param_groups[0]['betas']} or {@code ['momentum']}; the state is kept.
     *
     * @throws IllegalArgumentException for a value the optimizer's constructor would reject
     * @throws UnsupportedOperationException if the optimizer has none
     */
    public void setMomentum(double value) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no momentum or beta1");
    }

    /**
     * Assigns the learning rate as PyTorch's schedulers assign {@code param_groups[0]['lr']}:
     * unlike {@link #setLr}, a negative value is taken (OneCycleLR's linear anneal ends one step
     * past its schedule on one, and PyTorch takes it); NaN is rejected.
     */
    public final void scheduleLr(double lr) {
        if (Double.isNaN(lr)) throw new IllegalArgumentException("Invalid learning rate: nan");
        putLr(lr);
    }

    /**
     * Assigns the momentum or beta1 ({@link #momentumKey()}) as PyTorch's schedulers do: unlike
     * {@link #setMomentum}, without the range check (OneCycleLR's linear anneal may overshoot
     * max_momentum one step past its schedule); NaN is rejected.
     */
    public final void scheduleMomentum(double value) {
        if (Double.isNaN(value)) throw new IllegalArgumentException("Invalid momentum value: nan");
        putMomentum(value);
    }

    /** Sets the learning rate unchecked; rnn4j's optimizers override it. */
    void putLr(double lr) {
        setLr(lr);
    }

    /** Sets the momentum or beta1 unchecked; rnn4j's optimizers override it. */
    void putMomentum(double value) {
        setMomentum(value);
    }

    /** Whether a scheduler has set the {@code param_groups[0]} entry {@code key} (see {@link #SCHEDULER_ENTRIES}). */
    public final boolean hasGroupEntry(String key) {
        return groupEntries.has(key);
    }

    /**
     * A scheduler's entry of {@code param_groups[0]}, e.g. {@code initial_lr}.
     *
     * @throws IllegalArgumentException if it is not set, in PyTorch's words
     */
    public final double groupEntry(String key) {
        return groupEntries.get(key);
    }

    /**
     * Sets a scheduler's entry of {@code param_groups[0]}; it is saved and loaded with the state dict.
     *
     * @throws IllegalArgumentException if {@code key} is not one of {@link #SCHEDULER_ENTRIES}
     */
    public final void setGroupEntry(String key, double value) {
        groupEntries.set(key, value);
    }

    final GroupEntries groupEntries() {
        return groupEntries;
    }

    /**
     * The optimizer's state as PyTorch's {@code state_dict()} flattened into names (fresh copies):
     * {@code state.{i}.{key}} for each parameter {@code i} that has state ({@code step} and the
     * buffers: {@code exp_avg}, {@code exp_avg_sq}, {@code max_exp_avg_sq}, {@code momentum_buffer},
     * {@code square_avg}, {@code grad_avg}), then {@code param_groups.0.{name}} for each
     * hyper-parameter and scheduler entry. Scalars are 0-dim float32 tensors, {@code betas} a
     * {@code [2]} tensor, booleans 1.0/0.0, and doubles that float32 cannot hold exactly also get an
     * exact {@code .f64} companion ({@link StateDicts}).
     */
    public final Map<String, Tensor> stateDict() {
        return OptimizerStates.save(this);
    }

    /**
     * Replaces the optimizer's state and hyper-parameters by those of {@code state} (as
     * {@link #stateDict()} writes them, or PyTorch's flattened by {@code tools/optim_state.py});
     * the tensors are copied. As PyTorch, the hyper-parameters come from the state; PyTorch's
     * {@code foreach}, {@code capturable}, {@code differentiable} and {@code fused} flags are
     * ignored. Nothing changes if the state is rejected.
     *
     * @throws IllegalArgumentException for a missing required key, an unexpected key, a parameter
     *     index beyond the list, a shape that differs from the parameter's (the message names the
     *     key and both shapes), or a hyper-parameter the constructor would reject (but for a
     *     negative lr or a momentum out of range, which a scheduler may have left: see
     *     {@link #scheduleLr})
     */
    public final void loadStateDict(Map<String, Tensor> state) {
        OptimizerStates.load(this, state);
    }

    /**
     * Clears every parameter's gradient (sets it to null), like PyTorch 2.x's
     * {@code zero_grad()} (set_to_none=True).
     */
    public void zeroGrad() {
        for (Tensor p : params) {
            p.setGrad(null);
        }
    }

    /**
     * Steps only if every gradient is finite (no NaN or infinity); otherwise leaves the parameters
     * and the optimizer's state untouched.
     *
     * @return true if the step was taken
     */
    public boolean stepIfFinite() {
        if (findNonFinite(params) != null) return false;
        step();
        return true;
    }

    /**
     * Throws if any gradient of {@code params} holds a NaN or an infinity; null gradients are
     * fine. Call it between {@code backward()} and {@code step()} to stop training with the last
     * good weights intact.
     *
     * @throws NonFiniteGradientException naming the first such parameter (its index) and element
     * @throws IllegalArgumentException if the list or an element is null
     */
    public static void checkFinite(List<Tensor> params) {
        if (params == null) throw new IllegalArgumentException("params must not be null");
        NonFiniteGradientException e = findNonFinite(params);
        if (e != null) throw e;
    }

    /**
     * Like {@link #checkFinite(List)} for named parameters (e.g. {@code Module.namedParameters()}):
     * the exception names the parameter, e.g. {@code rnn.weight_hh_l0}.
     */
    public static void checkFinite(Map<String, Tensor> namedParams) {
        if (namedParams == null) throw new IllegalArgumentException("namedParams must not be null");
        int i = 0;
        for (Map.Entry<String, Tensor> e : namedParams.entrySet()) {
            NonFiniteGradientException bad = check(e.getValue(), i, e.getKey());
            if (bad != null) throw bad;
            i++;
        }
    }

    private static NonFiniteGradientException findNonFinite(List<Tensor> params) {
        for (int i = 0; i < params.size(); i++) {
            NonFiniteGradientException bad = check(params.get(i), i, null);
            if (bad != null) return bad;
        }
        return null;
    }

    private static NonFiniteGradientException check(Tensor p, int index, String name) {
        if (p == null) {
            throw new IllegalArgumentException("parameter " + (name != null ? "'" + name + "'" : index)
                    + " is null");
        }
        Tensor g = TensorAccess.grad(p);
        if (g == null) return null;
        float[] d;
        int off;
        if (g.isContiguous()) {
            d = TensorAccess.storage(g);
            off = TensorAccess.offset(g);
        } else {
            d = g.toFloatArray();
            off = 0;
        }
        int n = g.numel();
        for (int j = 0; j < n; j++) {
            float v = d[off + j];
            if (!Float.isFinite(v)) return new NonFiniteGradientException(index, name, j, v);
        }
        return null;
    }

    // ---------------------------------------------------------------- for subclasses

    /** The element-wise update of one parameter, over raw float32 arrays. */
    interface Update {
        /**
         * @param index position of the parameter in {@link #params()}
         * @param p     parameter values {@code p[po .. po+n)}, updated in place
         * @param g     gradient values {@code g[go .. go+n)}, read only
         */
        void apply(int index, float[] p, int po, float[] g, int go, int n);
    }

    /**
     * Runs {@code u} over each parameter with a gradient, in order. Contiguous parameters are
     * updated in their storage directly; a strided one through a copy that is written back.
     */
    final void forEachWithGrad(Update u) {
        for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            Tensor g = TensorAccess.grad(p);
            if (g == null) continue;
            float[] gd;
            int go;
            if (g.isContiguous()) {
                gd = TensorAccess.storage(g);
                go = TensorAccess.offset(g);
            } else {
                gd = g.toFloatArray();
                go = 0;
            }
            if (p.isContiguous()) {
                u.apply(i, TensorAccess.storage(p), TensorAccess.offset(p), gd, go, p.numel());
            } else {
                float[] pd = p.toFloatArray();
                u.apply(i, pd, 0, gd, go, pd.length);
                p.copyFrom(TensorAccess.wrap(pd, p.shape()));
            }
        }
    }

    /** The per-parameter state; optimizers outside this package have none to save. */
    ParamStates states() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not support state dicts");
    }

    /** The {@code param_groups.0} hyper-parameter names {@link #readGroup} accepts. */
    Set<String> groupKeys() {
        return Set.of();
    }

    /** Writes the hyper-parameters as {@code prefix + name} (PyTorch's names). */
    void writeGroup(Map<String, Tensor> out, String prefix) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not support state dicts");
    }

    /**
     * Reads the hyper-parameters {@code prefix + name} of {@code in}, checks them as the
     * constructor does, and only then puts them in use.
     */
    void readGroup(Map<String, Tensor> in, String prefix) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not support state dicts");
    }

    /**
     * Rejects a negative or NaN learning rate, in PyTorch's words; for a loaded state only NaN,
     * since a scheduler may have left a negative one ({@link #scheduleLr}).
     */
    static void checkLr(double lr, boolean loaded) {
        if (loaded && !Double.isNaN(lr)) return;
        checkLr(lr);
    }

    /** Rejects a negative or NaN learning rate, in PyTorch's words. */
    static void checkLr(double lr) {
        if (!(lr >= 0.0)) throw new IllegalArgumentException("Invalid learning rate: " + Py.repr(lr));
    }

    static void checkWeightDecay(double weightDecay) {
        if (!(weightDecay >= 0.0)) {
            throw new IllegalArgumentException("Invalid weight_decay value: " + Py.repr(weightDecay));
        }
    }
}
