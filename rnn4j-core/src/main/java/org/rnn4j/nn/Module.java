package org.rnn4j.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnn4j.internal.RandomFill;
import org.rnn4j.internal.TensorAccess;
import org.rnn4j.tensor.Generator;
import org.rnn4j.tensor.Tensor;

/**
 * Base of every layer, like {@code torch.nn.Module}: registered parameters and submodules with
 * PyTorch's names, state dicts, train/eval mode and PyTorch's repr.
 *
 * <p>Training (forward with autograd, backward, optimizer steps) is not thread-safe. A module in
 * eval mode whose parameters are not being changed may serve forward calls from many threads.
 */
public abstract class Module {
    private final Map<String, Tensor> parameters = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    /** Registers a parameter (it is marked as requiring grad) and returns it. */
    protected final Tensor registerParameter(String name, Tensor value) {
        if (parameters.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException("attribute '" + name + "' already exists");
        }
        value.requiresGrad(true);
        parameters.put(name, value);
        return value;
    }

    /** Registers a submodule and returns it. */
    protected final <M extends Module> M registerModule(String name, M module) {
        if (parameters.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException("attribute '" + name + "' already exists");
        }
        children.put(name, module);
        return module;
    }

    /** All parameters with dotted PyTorch names, in registration order (own before submodules'). */
    public Map<String, Tensor> namedParameters() {
        Map<String, Tensor> out = new LinkedHashMap<>(parameters);
        for (Map.Entry<String, Module> child : children.entrySet()) {
            for (Map.Entry<String, Tensor> p : child.getValue().namedParameters().entrySet()) {
                out.put(child.getKey() + "." + p.getKey(), p.getValue());
            }
        }
        return out;
    }

    public List<Tensor> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** Name to detached tensor sharing the parameter's storage, like {@code state_dict()}. */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        namedParameters().forEach((k, v) -> out.put(k, v.detach()));
        return out;
    }

    /**
     * Copies values into the parameters (strict, like {@code load_state_dict(strict=True)}):
     * every key must match and every shape agree, else nothing is changed and an
     * IllegalArgumentException names the keys and shapes.
     */
    public void loadStateDict(Map<String, Tensor> state) {
        if (state == null) throw new IllegalArgumentException("state dict must not be null");
        Map<String, Tensor> own = namedParameters();
        List<String> missing = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        List<String> mismatched = new ArrayList<>();
        for (String k : own.keySet()) if (!state.containsKey(k)) missing.add(k);
        for (Map.Entry<String, Tensor> e : state.entrySet()) {
            Tensor mine = own.get(e.getKey());
            if (mine == null) {
                unexpected.add(e.getKey());
            } else if (e.getValue() == null) {
                mismatched.add("value for " + e.getKey() + " is null");
            } else if (!Arrays.equals(mine.shape(), e.getValue().shape())) {
                mismatched.add("size mismatch for " + e.getKey() + ": copying a param with shape "
                        + Arrays.toString(e.getValue().shape()) + " from checkpoint, the shape in current model is "
                        + Arrays.toString(mine.shape()) + ".");
            }
        }
        if (!missing.isEmpty() || !unexpected.isEmpty() || !mismatched.isEmpty()) {
            StringBuilder sb = new StringBuilder("Error(s) in loading state_dict for ")
                    .append(getClass().getSimpleName()).append(':');
            if (!missing.isEmpty()) sb.append(" Missing key(s) in state_dict: ").append(quoted(missing)).append('.');
            if (!unexpected.isEmpty()) {
                sb.append(" Unexpected key(s) in state_dict: ").append(quoted(unexpected)).append('.');
            }
            for (String m : mismatched) sb.append(' ').append(m);
            throw new IllegalArgumentException(sb.toString());
        }
        own.forEach((k, p) -> p.copyFrom(state.get(k).toFloat())); // copy_ casts, as in PyTorch
    }

    private static String quoted(List<String> keys) {
        return String.join(", ", keys.stream().map(k -> "\"" + k + "\"").toList());
    }

    /** Training mode (dropout active); returns this. */
    public Module train() {
        return train(true);
    }

    public Module train(boolean mode) {
        training = mode;
        children.values().forEach(c -> c.train(mode));
        return this;
    }

    /** Evaluation mode (dropout off); returns this. */
    public Module eval() {
        return train(false);
    }

    public boolean isTraining() {
        return training;
    }

    /** Clears every parameter's gradient (PyTorch 2.x default: set to None). */
    public void zeroGrad() {
        for (Tensor p : parameters()) p.setGrad(null);
    }

    /** The text between the parentheses of the repr, e.g. {@code 100, 20, num_layers=4}. */
    protected String extraRepr() {
        return "";
    }

    /** PyTorch's repr: {@code Name(extra)} or, with submodules, one indented line per child. */
    @Override
    public String toString() {
        String name = getClass().getSimpleName();
        if (children.isEmpty()) return name + "(" + extraRepr() + ")";
        StringBuilder sb = new StringBuilder(name).append("(");
        String extra = extraRepr();
        if (!extra.isEmpty()) sb.append("\n  ").append(extra);
        for (Map.Entry<String, Module> c : children.entrySet()) {
            sb.append("\n  (").append(c.getKey()).append("): ")
                    .append(c.getValue().toString().replace("\n", "\n  "));
        }
        return sb.append("\n)").toString();
    }

    /**
     * A new tensor of {@code shape} drawn from U(-bound, bound) by the default generator: the
     * initialisation of every rnn4j parameter (PyTorch's {@code reset_parameters}).
     */
    protected static Tensor uniform(double bound, int... shape) {
        Tensor t = Tensor.zeros(shape);
        RandomFill.uniform(Generator.defaultGenerator(), TensorAccess.storage(t), 0, t.numel(), -bound, bound);
        return t;
    }

    static void requirePositive(String what, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(what + " must be greater than zero, got " + value);
        }
    }
}
