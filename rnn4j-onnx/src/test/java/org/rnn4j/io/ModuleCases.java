package org.rnn4j.io;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.rnn4j.nn.Dropout;
import org.rnn4j.nn.Embedding;
import org.rnn4j.nn.LayerNorm;
import org.rnn4j.nn.Linear;
import org.rnn4j.nn.Module;
import org.rnn4j.nn.ReLU;
import org.rnn4j.nn.Sequential;
import org.rnn4j.nn.Sigmoid;
import org.rnn4j.nn.Tanh;
import org.rnn4j.tensor.Tensor;

/**
 * The non-recurrent models the ONNX tests export: every new module type and option, alone and in
 * Sequentials. {@code features}: the input's last axis; {@code vocabulary} &gt; 0: the input is
 * INT64 indices in [0, vocabulary) instead.
 */
record ModuleCases(String name, Supplier<Module> make, int features, int vocabulary) {
    @Override
    public String toString() {
        return name;
    }

    /** A random input with lead axes {@code lead} (e.g. {T, B}). */
    Tensor input(int... lead) {
        int n = 1;
        for (int d : lead) n *= d;
        if (vocabulary > 0) {
            long[] idx = new long[n];
            Tensor u = Tensor.rand(n);
            float[] r = u.toFloatArray();
            for (int i = 0; i < n; i++) idx[i] = Math.min(vocabulary - 1, (long) (r[i] * vocabulary));
            return Tensor.ofLongs(idx, lead);
        }
        int[] shape = java.util.Arrays.copyOf(lead, lead.length + 1);
        shape[lead.length] = features;
        return Tensor.randn(shape);
    }

    /** {@code m} with every parameter drawn from N(0, 1): LayerNorm's ones and zeros would hide a swap. */
    static <M extends Module> M randomized(M m) {
        Map<String, Tensor> sd = new LinkedHashMap<>();
        m.namedParameters().forEach((k, v) -> sd.put(k, Tensor.randn(v.shape())));
        m.loadStateDict(sd);
        return m;
    }

    static ModuleCases of(String name, Supplier<Module> make, int features) {
        return new ModuleCases(name, make, features, 0);
    }

    static ModuleCases indices(String name, Supplier<Module> make, int vocabulary) {
        return new ModuleCases(name, make, 0, vocabulary);
    }

    static List<ModuleCases> all() {
        return List.of(
                indices("Embedding(10, 4)", () -> new Embedding(10, 4), 10),
                indices("Embedding(7, 3, padding_idx=2)", () -> new Embedding(7, 3, Embedding.options().paddingIdx(2)), 7),
                of("Dropout(0.5) in training mode", () -> new Dropout(0.5).train(), 5),
                of("LayerNorm(6)", () -> randomized(new LayerNorm(6)), 6),
                of("LayerNorm(6, eps=1e-3, bias=False)", () -> randomized(new LayerNorm(6, LayerNorm.options().eps(1e-3).bias(false))), 6),
                of("LayerNorm(6, elementwise_affine=False)", () -> new LayerNorm(6, LayerNorm.options().elementwiseAffine(false)), 6),
                of("Tanh", Tanh::new, 5),
                of("ReLU", ReLU::new, 5),
                of("Sigmoid", Sigmoid::new, 5),
                of("Sequential(Linear, Tanh, Linear)", () -> new Sequential(new Linear(4, 6), new Tanh(), new Linear(6, 3)), 4),
                indices("Sequential(Embedding, Dropout, LayerNorm, Linear, ReLU, Linear, Sigmoid)", () -> randomized(new Sequential(
                        new Embedding(10, 4), new Dropout(0.2), new LayerNorm(4), new Linear(4, 5), new ReLU(),
                        new Linear(5, 3), new Sigmoid())), 10),
                of("Sequential(Dropout, Tanh, Sequential(Linear, ReLU), LayerNorm)", () -> randomized(new Sequential(
                        new Dropout(0.1), new Tanh(), new Sequential(new Linear(3, 4), new ReLU()), new LayerNorm(4))), 3),
                of("Sequential()", Sequential::new, 5),
                of("Sequential(Dropout)", () -> new Sequential(new Dropout(0.3)), 5));
    }
}
