package org.rnn4j.parity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.rnn4j.nn.Module;
import org.rnn4j.nn.PackedSequence;
import org.rnn4j.nn.PaddedSequence;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.nn.RecurrentState;
import org.rnn4j.nn.PackedResult;
import org.rnn4j.nn.RnnUtils;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.testing.Fixture;

/**
 * Packed batches against PyTorch 1.13 ({@code tools/make_packed_fixtures.py}, float64 references):
 * pack_padded_sequence's data, batch sizes and indices; the module's packed output data, h_n and
 * c_n (each sequence's own last step, in the caller's order); pad_packed_sequence with a padding
 * value and a total length; then the gradients of the padded input, h0, c0 and every parameter of
 * {@code sum(out * seed)} over all of them. Tolerances as {@link ParityTest}.
 */
class PackedParityTest {
    static final List<String> MODULES = List.of("RNN", "LSTM", "GRU");

    @TestFactory
    Stream<DynamicNode> packedParity() {
        return MODULES.stream().map(m -> DynamicContainer.dynamicContainer(m, Fixture.all("packed/" + m).stream()
                .map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), p.toUri(), () -> check(p)))));
    }

    static void check(Path path) {
        Fixture f = Fixture.load(path);
        Module m = ParityTest.build(f);
        m.loadStateDict(f.params());
        boolean batchFirst = f.flag("batch_first");
        boolean sorted = f.flag("enforce_sorted");
        int[] lengths = Arrays.stream(f.meta("lengths").split(",")).mapToInt(Integer::parseInt).toArray();
        Tensor x = f.tensor("x").requiresGrad(true);
        Tensor h0 = f.has("h0") ? f.tensor("h0").requiresGrad(true) : null;
        Tensor c0 = f.has("c0") ? f.tensor("c0").requiresGrad(true) : null;

        PackedSequence packed = RnnUtils.packPaddedSequence(x, lengths, batchFirst, sorted);
        assertArrayEquals(ints(f.longs("packed.batch_sizes")), packed.batchSizes(), f.name() + ": batch_sizes");
        if (sorted) {
            assertNull(packed.sortedIndices(), f.name() + ": sorted_indices with enforceSorted");
            assertNull(packed.unsortedIndices(), f.name() + ": unsorted_indices with enforceSorted");
        } else {
            assertArrayEquals(ints(f.longs("packed.sorted_indices")), packed.sortedIndices(), f.name() + ": sorted_indices");
            assertArrayEquals(ints(f.longs("packed.unsorted_indices")), packed.unsortedIndices(),
                    f.name() + ": unsorted_indices");
        }
        assertArrayEquals(f.tensor("packed.data").toFloatArray(), packed.data().toFloatArray(), f.name() + ": packed data");

        PackedResult r = ((Recurrent) m).run(packed, h0 == null ? null : new RecurrentState(h0, c0));
        assertArrayEquals(packed.batchSizes(), r.output().batchSizes(), f.name() + ": output batch_sizes");
        Map<String, Tensor> outs = new LinkedHashMap<>();
        outs.put("data", r.output().data());
        outs.put("h_n", r.state().h());
        if (r.state().c() != null) outs.put("c_n", r.state().c());
        PaddedSequence padded = RnnUtils.padPackedSequence(r.output(), batchFirst,
                (float) f.number("padding_value"), f.integer("total_length"));
        outs.put("padded", padded.data());
        assertArrayEquals(ints(f.longs("out.lengths")), padded.lengths(), f.name() + ": lengths");

        List<String> expected = new ArrayList<>();
        for (String n : f.names()) if (n.startsWith("out.") && !n.equals("out.lengths")) expected.add(n.substring(4));
        assertEquals(expected, List.copyOf(outs.keySet()), f.name() + ": outputs");
        Tensor loss = null;
        for (Map.Entry<String, Tensor> o : outs.entrySet()) {
            f.assertClose("out." + o.getKey(), f.tensor("out." + o.getKey()), o.getValue(), ParityTest.OUT_RTOL,
                    ParityTest.OUT_ATOL);
            Tensor term = o.getValue().mul(f.tensor("seed." + o.getKey())).sum();
            loss = loss == null ? term : loss.add(term);
        }
        loss.backward();
        Map<String, Tensor> inputs = new LinkedHashMap<>();
        inputs.put("x", x);
        if (h0 != null) inputs.put("h0", h0);
        if (c0 != null) inputs.put("c0", c0);
        for (Map.Entry<String, Tensor> in : inputs.entrySet()) {
            f.assertClose("grad." + in.getKey(), f.tensor("grad." + in.getKey()), in.getValue().grad(),
                    ParityTest.GRAD_RTOL, ParityTest.GRAD_ATOL);
        }
        for (Map.Entry<String, Tensor> p : m.namedParameters().entrySet()) {
            f.assertClose("grad.param." + p.getKey(), f.tensor("grad.param." + p.getKey()), p.getValue().grad(),
                    ParityTest.GRAD_RTOL, ParityTest.GRAD_ATOL);
        }
    }

    private static int[] ints(long[] a) {
        return Arrays.stream(a).mapToInt(Math::toIntExact).toArray();
    }

    /** Each module has a packed case for every value of the options the issue names. */
    @Test
    void everyModuleAndOptionHasAPackedCase() {
        Map<String, List<String>> required = new LinkedHashMap<>();
        required.put("enforce_sorted", List.of("false", "true"));
        required.put("bidirectional", List.of("false", "true"));
        required.put("num_layers", List.of("1", "2"));
        required.put("has_h0", List.of("false", "true"));
        required.put("batch_first", List.of("false", "true"));
        List<String> missing = new ArrayList<>();
        for (String module : MODULES) {
            List<Path> files = Fixture.all("packed/" + module);
            Map<String, TreeSet<String>> seen = new TreeMap<>();
            for (Path p : files) {
                Fixture f = Fixture.load(p);
                assertEquals(module, f.meta("module"), p + ": module folder and metadata disagree");
                for (String key : required.keySet()) seen.computeIfAbsent(key, k -> new TreeSet<>()).add(f.meta(key));
                if (module.equals("LSTM")) {
                    seen.computeIfAbsent("proj_size", k -> new TreeSet<>()).add(f.meta("proj_size").equals("0") ? "none" : "some");
                }
            }
            Map<String, List<String>> want = new LinkedHashMap<>(required);
            if (module.equals("LSTM")) want.put("proj_size", List.of("none", "some"));
            for (Map.Entry<String, List<String>> opt : want.entrySet()) {
                for (String v : opt.getValue()) {
                    if (!seen.getOrDefault(opt.getKey(), new TreeSet<>()).contains(v)) {
                        missing.add(module + " " + opt.getKey() + "=" + v);
                    }
                }
            }
        }
        assertTrue(missing.isEmpty(), "option values without a packed parity case: " + missing);
    }
}
