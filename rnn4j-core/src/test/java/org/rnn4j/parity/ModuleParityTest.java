package org.rnn4j.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rnn4j.parity.ParityTest.GRAD_ATOL;
import static org.rnn4j.parity.ParityTest.GRAD_RTOL;
import static org.rnn4j.parity.ParityTest.OUT_ATOL;
import static org.rnn4j.parity.ParityTest.OUT_RTOL;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.rnn4j.io.SafeTensors;
import org.rnn4j.nn.Dropout;
import org.rnn4j.nn.Embedding;
import org.rnn4j.nn.LayerNorm;
import org.rnn4j.nn.Linear;
import org.rnn4j.nn.Module;
import org.rnn4j.nn.ReLU;
import org.rnn4j.nn.Sequential;
import org.rnn4j.nn.Sigmoid;
import org.rnn4j.nn.Tanh;
import org.rnn4j.nn.UnaryModule;
import org.rnn4j.tensor.DType;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.testing.Fixture;

/**
 * Embedding, LayerNorm, Sequential and the activation modules against the fixtures of
 * {@code tools/make_module_fixtures.py} (PyTorch 1.13, float64): the module built from the case's
 * options prints PyTorch's repr, names its parameters as PyTorch's state dict does, and after
 * loading PyTorch's parameters gives PyTorch's output and, for {@code (out * seed).sum()}, its
 * gradients of the input and of every parameter (none for a frozen pretrained Embedding).
 * LayerNorm's freshly built parameters also equal PyTorch's ({@code init.*}). Tolerances are
 * {@link ParityTest}'s.
 */
class ModuleParityTest {
    static final List<String> MODULES = List.of("Embedding", "LayerNorm", "Sequential", "Tanh", "ReLU", "Sigmoid");

    @TestFactory
    Stream<DynamicNode> parity() {
        return MODULES.stream().map(m -> DynamicContainer.dynamicContainer(m, Fixture.all(m).stream()
                .map(p -> DynamicTest.dynamicTest(p.getFileName().toString().replace(".safetensors", ""), p.toUri(),
                        () -> check(p)))));
    }

    static void check(Path path) {
        Fixture f = Fixture.load(path);
        Module m = build(f);
        assertEquals(f.meta("repr"), m.toString(), f.name() + ": repr");
        if (f.meta("module").equals("LayerNorm")) {
            for (Map.Entry<String, Tensor> p : m.namedParameters().entrySet()) {
                f.assertClose("init." + p.getKey(), f.tensor("init." + p.getKey()), p.getValue(), 0, 0);
            }
        }
        assertEquals(List.copyOf(f.params().keySet()), List.copyOf(m.namedParameters().keySet()),
                f.name() + ": parameter names and order (namedParameters vs PyTorch's state_dict)");
        boolean pretrained = f.metadata().containsKey("pretrained") && f.flag("pretrained");
        if (!pretrained) m.loadStateDict(f.params()); // a pretrained Embedding was built from them
        m.eval(); // PyTorch's Sequential case ran in eval mode (its Dropout is the identity)
        Tensor x = input(f);
        Tensor y = ((UnaryModule) m).forward(x);
        f.assertClose("out.y", f.tensor("out.y"), y, OUT_RTOL, OUT_ATOL);
        if (y.requiresGrad()) y.mul(f.tensor("seed.y")).sum().backward();
        if (f.has("grad.x")) f.assertClose("grad.x", f.tensor("grad.x"), x.grad(), GRAD_RTOL, GRAD_ATOL);
        for (Map.Entry<String, Tensor> p : m.namedParameters().entrySet()) {
            String key = "grad.param." + p.getKey();
            if (f.has(key)) {
                f.assertClose(key, f.tensor(key), p.getValue().grad(), GRAD_RTOL, GRAD_ATOL);
            } else {
                assertTrue(!p.getValue().requiresGrad() && p.getValue().grad() == null,
                        f.name() + ": " + p.getKey() + " has no gradient in PyTorch (frozen) but requires one here");
            }
        }
    }

    /** x as stored: INT64 indices as they are, floats as a fresh leaf that requires grad. */
    private static Tensor input(Fixture f) {
        try {
            Tensor raw = SafeTensors.load(f.path()).get("x");
            return raw.dtype() == DType.INT64 ? raw : f.tensor("x").requiresGrad(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The module of the case, through the public constructors and options. */
    static Module build(Fixture f) {
        switch (f.meta("module")) {
            case "Embedding": {
                String pad = f.meta("padding_idx");
                Embedding.Options o = pad.equals("none") ? Embedding.options()
                        : Embedding.options().paddingIdx(Integer.parseInt(pad));
                if (f.flag("pretrained")) return Embedding.fromPretrained(f.tensor("param.weight"), f.flag("freeze"), o);
                return new Embedding(f.integer("num_embeddings"), f.integer("embedding_dim"), o);
            }
            case "LayerNorm":
                return new LayerNorm(f.integer("normalized_shape"), LayerNorm.options().eps(f.number("eps"))
                        .elementwiseAffine(f.flag("elementwise_affine")).bias(f.flag("bias")));
            case "Tanh":
                return new Tanh();
            case "ReLU":
                return new ReLU();
            case "Sigmoid":
                return new Sigmoid();
            case "Sequential":
                return sequential(f.name());
            default:
                throw new AssertionError(f.name() + ": unknown module " + f.meta("module"));
        }
    }

    /** The twins of make_module_fixtures.py's sequential_cases(). */
    private static Sequential sequential(String name) {
        switch (name) {
            case "Sequential_mlp":
                return new Sequential(new Linear(4, 5), new Tanh(), new Linear(5, 3), new ReLU(), new Linear(3, 2, false),
                        new Sigmoid());
            case "Sequential_embedding":
                return new Sequential(new Embedding(10, 4, Embedding.options().paddingIdx(0)), new LayerNorm(4),
                        new Dropout(0.5), new Linear(4, 3), new Tanh());
            case "Sequential_nested":
                return new Sequential(new Linear(3, 3), new Sequential(new Tanh(), new Linear(3, 2)), new Sigmoid());
            case "Sequential_empty":
                return new Sequential();
            default:
                throw new AssertionError("unknown Sequential case " + name);
        }
    }

    /** Every option value the issue names has a case (a fixture lost in a regeneration fails here). */
    @Test
    void everyModuleAndOptionHasACase() {
        Map<String, Map<String, List<String>>> required = new LinkedHashMap<>();
        Map<String, List<String>> embedding = new LinkedHashMap<>();
        embedding.put("padding_idx", List.of("none", "0", "positive", "negative"));
        embedding.put("input_rank", List.of("0", "1", "2", "3"));
        embedding.put("pretrained", List.of("false", "true"));
        embedding.put("freeze", List.of("false", "true"));
        embedding.put("repeated", List.of("true"));
        embedding.put("hits_padding", List.of("true"));
        embedding.put("num_embeddings", List.of("1", "10", "33"));
        required.put("Embedding", embedding);
        Map<String, List<String>> layerNorm = new LinkedHashMap<>();
        layerNorm.put("normalized_shape", List.of("1", "7", "33"));
        layerNorm.put("input_rank", List.of("1", "2", "3"));
        layerNorm.put("eps", List.of("1e-05", "0.001", "0.5"));
        layerNorm.put("elementwise_affine", List.of("false", "true"));
        layerNorm.put("bias", List.of("false", "true"));
        layerNorm.put("shift", List.of("0.0", "1000.0"));
        required.put("LayerNorm", layerNorm);
        required.put("Sequential", Map.of("case", List.of("Sequential_mlp", "Sequential_embedding",
                "Sequential_nested", "Sequential_empty")));
        for (String act : List.of("Tanh", "ReLU", "Sigmoid")) {
            required.put(act, Map.of("input_rank", List.of("0", "1", "2", "3"), "has_zeros", List.of("false", "true")));
        }
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, Map<String, List<String>>> mod : required.entrySet()) {
            Map<String, TreeSet<String>> seen = new TreeMap<>();
            for (Path p : Fixture.all(mod.getKey())) {
                Fixture f = Fixture.load(p);
                assertEquals(mod.getKey(), f.meta("module"), p + ": module folder and metadata disagree");
                for (String key : mod.getValue().keySet()) {
                    seen.computeIfAbsent(key, k -> new TreeSet<>()).add(bucket(key, f.meta(key)));
                }
            }
            mod.getValue().forEach((key, values) -> values.stream()
                    .filter(v -> !seen.getOrDefault(key, new TreeSet<>()).contains(v))
                    .forEach(v -> missing.add(mod.getKey() + " " + key + "=" + v)));
        }
        assertTrue(missing.isEmpty(), "option values without a parity case: " + missing);
    }

    private static String bucket(String key, String value) {
        if (!key.equals("padding_idx") || value.equals("none") || value.equals("0")) return value;
        return Integer.parseInt(value) > 0 ? "positive" : "negative";
    }
}
