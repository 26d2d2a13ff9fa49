package org.rnn4j.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.rnn4j.tensor.Tensor;

/**
 * A chain of one-input, one-output modules, like {@code torch.nn.Sequential}:
 * {@code y = f_{n-1}(... f_1(f_0(x)))}. The children are registered under their positions, so
 * parameters are named {@code 0.weight}, {@code 2.bias}, ... and the repr lists
 * {@code (0): Linear(...)}, as PyTorch's. Train and eval mode reach every child.
 */
public final class Sequential extends Module implements UnaryModule {
    private final List<Module> modules;
    private final List<UnaryModule> chain;

    /**
     * @throws IllegalArgumentException naming the index and class of a child that is null or has
     *     no one-tensor forward (is not a {@link UnaryModule})
     */
    public Sequential(Module... modules) {
        if (modules == null) throw new IllegalArgumentException("Sequential: modules must not be null");
        List<Module> all = new ArrayList<>(modules.length);
        List<UnaryModule> steps = new ArrayList<>(modules.length);
        for (int i = 0; i < modules.length; i++) {
            Module m = modules[i];
            if (m == null) throw new IllegalArgumentException("Sequential: module " + i + " is null");
            if (!(m instanceof UnaryModule)) {
                throw new IllegalArgumentException("Sequential: module " + i + " (" + m.getClass().getSimpleName()
                        + ") has no forward(Tensor) returning one Tensor; expected a UnaryModule such as Linear, "
                        + "Embedding, Dropout, LayerNorm, Tanh, ReLU, Sigmoid or Sequential");
            }
            registerModule(Integer.toString(i), m);
            all.add(m);
            steps.add((UnaryModule) m);
        }
        this.modules = Collections.unmodifiableList(all);
        this.chain = List.copyOf(steps);
    }

    /** Each module applied to the previous one's output, in order; the input itself when empty. */
    @Override
    public Tensor forward(Tensor input) {
        if (input == null) throw new IllegalArgumentException("Sequential: input must not be null");
        Tensor x = input;
        for (UnaryModule m : chain) x = m.forward(x);
        return x;
    }

    /** The number of modules. */
    public int size() {
        return modules.size();
    }

    /** The module at {@code index} (0-based; negative counts from the end, as PyTorch's indexing). */
    public Module get(int index) {
        int n = modules.size();
        if (index < -n || index >= n) {
            throw new IllegalArgumentException("index " + index + " is out of range for Sequential of size " + n);
        }
        return modules.get(index < 0 ? n + index : index);
    }
}
