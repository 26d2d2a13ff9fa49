package org.rnn4j.examples.tutorial;

import java.util.Arrays;
import java.util.Collection;
import java.util.stream.Collectors;
import org.rnn4j.nn.Module;
import org.rnn4j.tensor.Tensor;

/** Python's printing of PyTorch values, so the examples print what the snippets print. */
public final class Torch {
    private Torch() {}

    /** {@code torch.Size([10, 3, 10])}. */
    public static String size(Tensor t) {
        return size(t.shape());
    }

    public static String size(int... shape) {
        return "torch.Size(" + Arrays.toString(shape) + ")";
    }

    /** {@code odict_keys(['weight_ih_l0', ...])}: what {@code module._parameters.keys()} prints. */
    public static String parameterKeys(Module m) {
        return "odict_keys(" + pyList(m.namedParameters().keySet()) + ")";
    }

    static String pyList(Collection<String> names) {
        return names.stream().map(s -> "'" + s + "'").collect(Collectors.joining(", ", "[", "]"));
    }
}
