package org.rnn4j.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.rnn4j.nn.Activation;
import org.rnn4j.nn.CellState;
import org.rnn4j.nn.GRU;
import org.rnn4j.nn.GRUCell;
import org.rnn4j.nn.LSTM;
import org.rnn4j.nn.LSTMCell;
import org.rnn4j.nn.LSTMOutput;
import org.rnn4j.nn.Linear;
import org.rnn4j.nn.MSELoss;
import org.rnn4j.nn.Module;
import org.rnn4j.nn.RNN;
import org.rnn4j.nn.RNNCell;
import org.rnn4j.nn.RecurrentOutput;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.testing.Fixture;

/**
 * Every module PyTorch also has, checked against the committed fixtures of
 * {@code tools/make_fixtures.py} (float64 PyTorch 1.13 reference): build the module from the
 * case's options, load PyTorch's parameters, run forward, compare every output; then
 * back-propagate {@code sum(out * seed)} over all outputs and compare the gradients of the
 * inputs, initial states and every parameter.
 *
 * <p>Tolerances (|actual - expected| <= atol + rtol |expected|): outputs rtol 1e-5, atol 1e-6;
 * gradients rtol 1e-4, atol 1e-5 (the atol covers float32 rounding of sums whose exact value
 * is near 0). {@link #everyModuleAndOptionHasACase} fails when an option value lost its case.
 */
class ParityTest {
    static final double OUT_RTOL = 1e-5;
    static final double OUT_ATOL = 1e-6;
    static final double GRAD_RTOL = 1e-4;
    static final double GRAD_ATOL = 1e-5;

    static final List<String> MODULES =
            List.of("RNN", "LSTM", "GRU", "RNNCell", "LSTMCell", "GRUCell", "Linear", "MSELoss");

    private static final Map<String, AtomicInteger> CHECKED = new TreeMap<>();
    private static final AtomicInteger TENSORS = new AtomicInteger();

    @TestFactory
    Stream<DynamicNode> parity() {
        return MODULES.stream().map(m -> DynamicContainer.dynamicContainer(m,
                Fixture.all(m).stream().map(p -> DynamicTest.dynamicTest(name(p), p.toUri(), () -> check(p)))));
    }

    private static String name(Path p) {
        return p.getFileName().toString().replace(".safetensors", "");
    }

    @AfterAll
    static void summary() {
        int cases = CHECKED.values().stream().mapToInt(AtomicInteger::get).sum();
        System.out.println("[parity] checked " + cases + " PyTorch cases (" + TENSORS.get() + " tensors compared): "
                + CHECKED);
    }

    // ---------------------------------------------------------------- one case

    /** The module under test plus a forward function producing its named outputs. */
    private interface Run {
        Map<String, Tensor> forward(Map<String, Tensor> inputs);
    }

    static void check(Path path) {
        Fixture f = Fixture.load(path);
        String module = f.meta("module");
        Module m = build(f);
        if (m != null) {
            m.loadStateDict(f.params());
            assertEquals(List.copyOf(f.params().keySet()), List.copyOf(m.namedParameters().keySet()),
                    f.name() + ": parameter names and order (namedParameters vs PyTorch's state_dict)");
        }
        Map<String, Tensor> inputs = new LinkedHashMap<>();
        for (String k : List.of("x", "h0", "c0", "target")) {
            if (f.has(k)) inputs.put(k, f.tensor(k).requiresGrad(true));
        }
        Map<String, Tensor> outs = run(module, m, inputs);

        // Every output PyTorch produced is compared, and nothing PyTorch lacks is claimed.
        List<String> expectedOuts = new ArrayList<>();
        for (String n : f.names()) if (n.startsWith("out.")) expectedOuts.add(n.substring(4));
        assertEquals(expectedOuts, List.copyOf(outs.keySet()), f.name() + ": outputs");
        Tensor loss = null;
        for (Map.Entry<String, Tensor> o : outs.entrySet()) {
            f.assertClose("out." + o.getKey(), f.tensor("out." + o.getKey()), o.getValue(), OUT_RTOL, OUT_ATOL);
            TENSORS.incrementAndGet();
            Tensor term = o.getValue().mul(f.tensor("seed." + o.getKey())).sum();
            loss = loss == null ? term : loss.add(term);
        }
        loss.backward();

        for (Map.Entry<String, Tensor> in : inputs.entrySet()) {
            f.assertClose("grad." + in.getKey(), f.tensor("grad." + in.getKey()), in.getValue().grad(), GRAD_RTOL,
                    GRAD_ATOL);
            TENSORS.incrementAndGet();
        }
        if (m != null) {
            for (Map.Entry<String, Tensor> p : m.namedParameters().entrySet()) {
                f.assertClose("grad.param." + p.getKey(), f.tensor("grad.param." + p.getKey()), p.getValue().grad(),
                        GRAD_RTOL, GRAD_ATOL);
                TENSORS.incrementAndGet();
            }
        }
        synchronized (CHECKED) {
            CHECKED.computeIfAbsent(module, k -> new AtomicInteger()).incrementAndGet();
        }
    }

    /** The module described by the case metadata, via API.md's constructors and options. */
    static Module build(Fixture f) {
        String module = f.meta("module");
        switch (module) {
            case "RNN":
                return new RNN(f.integer("input_size"), f.integer("hidden_size"), RNN.options()
                        .numLayers(f.integer("num_layers")).bias(f.flag("bias")).batchFirst(f.flag("batch_first"))
                        .bidirectional(f.flag("bidirectional")).dropout(f.number("dropout"))
                        .nonlinearity(activation(f)));
            case "LSTM":
                return new LSTM(f.integer("input_size"), f.integer("hidden_size"), LSTM.options()
                        .numLayers(f.integer("num_layers")).bias(f.flag("bias")).batchFirst(f.flag("batch_first"))
                        .bidirectional(f.flag("bidirectional")).dropout(f.number("dropout"))
                        .projSize(f.integer("proj_size")));
            case "GRU":
                return new GRU(f.integer("input_size"), f.integer("hidden_size"), GRU.options()
                        .numLayers(f.integer("num_layers")).bias(f.flag("bias")).batchFirst(f.flag("batch_first"))
                        .bidirectional(f.flag("bidirectional")).dropout(f.number("dropout")));
            case "RNNCell":
                return new RNNCell(f.integer("input_size"), f.integer("hidden_size"),
                        RNNCell.options().bias(f.flag("bias")).nonlinearity(activation(f)));
            case "LSTMCell":
                return new LSTMCell(f.integer("input_size"), f.integer("hidden_size"),
                        LSTMCell.options().bias(f.flag("bias")));
            case "GRUCell":
                return new GRUCell(f.integer("input_size"), f.integer("hidden_size"),
                        GRUCell.options().bias(f.flag("bias")));
            case "Linear":
                return new Linear(f.integer("input_size"), f.integer("hidden_size"), f.flag("bias"));
            case "MSELoss":
                return null; // no parameters; the loss itself is the module under test
            default:
                throw new AssertionError(f.name() + ": unknown module " + module);
        }
    }

    private static Activation activation(Fixture f) {
        String nl = f.meta("nonlinearity");
        switch (nl) {
            case "tanh": return Activation.TANH;
            case "relu": return Activation.RELU;
            default: throw new AssertionError(f.name() + ": unknown nonlinearity " + nl);
        }
    }

    /** Runs forward with exactly the inputs PyTorch was given; outputs named as in the fixture. */
    static Map<String, Tensor> run(String module, Module m, Map<String, Tensor> in) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        Tensor x = in.get("x");
        Tensor h0 = in.get("h0");
        Tensor c0 = in.get("c0");
        switch (module) {
            case "RNN": {
                RecurrentOutput r = h0 == null ? ((RNN) m).forward(x) : ((RNN) m).forward(x, h0);
                out.put("output", r.output());
                out.put("h_n", r.h());
                break;
            }
            case "GRU": {
                RecurrentOutput r = h0 == null ? ((GRU) m).forward(x) : ((GRU) m).forward(x, h0);
                out.put("output", r.output());
                out.put("h_n", r.h());
                break;
            }
            case "LSTM": {
                LSTMOutput r = h0 == null ? ((LSTM) m).forward(x) : ((LSTM) m).forward(x, h0, c0);
                out.put("output", r.output());
                out.put("h_n", r.h());
                out.put("c_n", r.c());
                break;
            }
            case "RNNCell":
                out.put("h", h0 == null ? ((RNNCell) m).forward(x) : ((RNNCell) m).forward(x, h0));
                break;
            case "GRUCell":
                out.put("h", h0 == null ? ((GRUCell) m).forward(x) : ((GRUCell) m).forward(x, h0));
                break;
            case "LSTMCell": {
                CellState s = h0 == null ? ((LSTMCell) m).forward(x) : ((LSTMCell) m).forward(x, h0, c0);
                out.put("h", s.h());
                out.put("c", s.c());
                break;
            }
            case "Linear":
                out.put("y", ((Linear) m).forward(x));
                break;
            case "MSELoss":
                out.put("loss", new MSELoss().forward(x, in.get("target")));
                break;
            default:
                throw new AssertionError("unknown module " + module);
        }
        return out;
    }

    // ---------------------------------------------------------------- coverage

    /**
     * Each module must have a case for every value of every option the issue lists; sizes are
     * bucketed (batch: unbatched, 1, several; seq_len: 1, several; proj_size: none, some).
     */
    @Test
    void everyModuleAndOptionHasACase() {
        Map<String, List<String>> layer = new LinkedHashMap<>();
        layer.put("num_layers", List.of("1", "2", "3"));
        layer.put("bias", List.of("false", "true"));
        layer.put("batch_first", List.of("false", "true"));
        layer.put("bidirectional", List.of("false", "true"));
        layer.put("batched", List.of("false", "true"));
        layer.put("has_h0", List.of("false", "true"));
        layer.put("input_size", List.of("1", "7", "33"));
        layer.put("hidden_size", List.of("1", "7", "33"));
        layer.put("batch", List.of("unbatched", "1", "several"));
        layer.put("seq_len", List.of("1", "several"));
        Map<String, List<String>> cell = new LinkedHashMap<>();
        cell.put("bias", List.of("false", "true"));
        cell.put("batched", List.of("false", "true"));
        cell.put("has_h0", List.of("false", "true"));
        cell.put("input_size", List.of("1", "7", "33"));
        cell.put("hidden_size", List.of("1", "7", "33"));
        cell.put("batch", List.of("unbatched", "1", "several"));

        Map<String, Map<String, List<String>>> required = new LinkedHashMap<>();
        required.put("RNN", with(layer, "nonlinearity", List.of("relu", "tanh")));
        required.put("LSTM", with(with(layer, "proj_size", List.of("none", "some")), "has_c0", List.of("false", "true")));
        required.put("GRU", layer);
        required.put("RNNCell", with(cell, "nonlinearity", List.of("relu", "tanh")));
        required.put("LSTMCell", with(cell, "has_c0", List.of("false", "true")));
        required.put("GRUCell", cell);
        Map<String, List<String>> linear = new LinkedHashMap<>();
        linear.put("bias", List.of("false", "true"));
        linear.put("input_rank", List.of("1", "2", "3"));
        linear.put("input_size", List.of("1", "7", "33"));
        linear.put("hidden_size", List.of("1", "7", "33"));
        required.put("Linear", linear);
        required.put("MSELoss", Map.of("input_rank", List.of("0", "1", "2", "3")));

        List<String> missing = new ArrayList<>();
        int total = 0;
        for (Map.Entry<String, Map<String, List<String>>> mod : required.entrySet()) {
            List<Path> files = Fixture.all(mod.getKey());
            total += files.size();
            Map<String, TreeSet<String>> seen = new TreeMap<>();
            for (Path p : files) {
                Fixture f = Fixture.load(p);
                assertEquals(mod.getKey(), f.meta("module"), p + ": module folder and metadata disagree");
                for (String key : mod.getValue().keySet()) {
                    seen.computeIfAbsent(key, k -> new TreeSet<>()).add(bucket(key, f.meta(key)));
                }
            }
            for (Map.Entry<String, List<String>> opt : mod.getValue().entrySet()) {
                for (String v : opt.getValue()) {
                    if (!seen.getOrDefault(opt.getKey(), new TreeSet<>()).contains(v)) {
                        missing.add(mod.getKey() + " " + opt.getKey() + "=" + v);
                    }
                }
            }
        }
        System.out.println("[parity] coverage: " + total + " cases over " + required.size() + " modules");
        assertTrue(missing.isEmpty(), "option values without a parity case: " + missing);
    }

    private static String bucket(String key, String value) {
        switch (key) {
            case "batch": return value.equals("0") ? "unbatched" : value.equals("1") ? "1" : "several";
            case "seq_len": return value.equals("1") ? "1" : "several";
            case "proj_size": return value.equals("0") ? "none" : "some";
            default: return value;
        }
    }

    private static Map<String, List<String>> with(Map<String, List<String>> base, String key, List<String> values) {
        Map<String, List<String>> m = new LinkedHashMap<>(base);
        m.put(key, values);
        return m;
    }
}
