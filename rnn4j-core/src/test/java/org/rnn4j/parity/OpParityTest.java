package org.rnn4j.parity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.rnn4j.tensor.DType;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.testing.Fixture;

/**
 * The tensor ops of issue 12 against PyTorch 1.13 in float64 ({@code tools/make_loss_fixtures.py},
 * fixtures/ops): softmax, log_softmax, logsumexp, mean, amax, argmax along positive and negative
 * dims with and without keepdim, amax/argmax with ties, softmax/logsumexp over lanes holding -inf,
 * gather and index_select with repeated indices, clamp with bounds hit exactly, infinite and
 * inverted, pow with PyTorch's special exponents at 0 and -0. Outputs and the input's gradient of
 * {@code sum(y * seed)} are compared with ParityTest's tolerances; argmax exactly.
 */
class OpParityTest {
    @TestFactory
    Stream<DynamicTest> ops() {
        List<Path> files = Fixture.all("ops");
        assertFalse(files.isEmpty(), "no op fixtures");
        return files.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> check(p)));
    }

    static void check(Path path) {
        Fixture f = Fixture.load(path);
        String op = f.meta("op");
        Tensor x = f.tensor("x");
        if (op.equals("argmax")) {
            Tensor y = x.argmax(f.integer("dim"), f.flag("keep_dim"));
            Tensor expected = f.tensor("out.y");
            assertEquals(DType.INT64, y.dtype(), f.name());
            assertArrayEquals(expected.shape(), y.shape(), f.name() + ": shape");
            assertArrayEquals(expected.toLongArray(), y.toLongArray(), f.name() + ": indices");
            return;
        }
        x.requiresGrad(true);
        Tensor y = apply(f, op, x);
        f.assertClose("out.y", f.tensor("out.y"), y, ParityTest.OUT_RTOL, ParityTest.OUT_ATOL);
        y.mul(f.tensor("seed.y")).sum().backward();
        f.assertClose("grad.x", f.tensor("grad.x"), x.grad(), ParityTest.GRAD_RTOL, ParityTest.GRAD_ATOL);
    }

    private static Tensor apply(Fixture f, String op, Tensor x) {
        int dim = f.integer("dim");
        boolean keep = f.flag("keep_dim");
        switch (op) {
            case "softmax": return x.softmax(dim);
            case "log_softmax": return x.logSoftmax(dim);
            case "logsumexp": return x.logsumexp(dim, keep);
            case "mean": return x.mean(dim, keep);
            case "amax": return x.amax(dim, keep);
            case "gather": return x.gather(dim, f.tensor("index"));
            case "index_select": return x.indexSelect(dim, f.tensor("index"));
            case "clamp": return x.clamp(f.number("min"), f.number("max"));
            case "pow": return x.pow(f.number("exponent"));
            default: throw new AssertionError(f.name() + ": unknown op " + op);
        }
    }

    /** Every op has a case for each value of each of its arguments and input variants. */
    @Test
    void everyOpAndArgumentHasACase() {
        List<String> dims = List.of("negative", "non-negative");
        List<String> keep = List.of("false", "true");
        Map<String, Map<String, List<String>>> required = new LinkedHashMap<>();
        for (String op : List.of("softmax", "log_softmax")) {
            required.put(op, Map.of("dim", dims, "variant", List.of("plain", "masked")));
        }
        required.put("logsumexp", Map.of("dim", dims, "keep_dim", keep, "variant", List.of("plain", "masked")));
        required.put("mean", Map.of("dim", dims, "keep_dim", keep));
        required.put("amax", Map.of("dim", dims, "keep_dim", keep, "variant", List.of("plain", "ties")));
        required.put("argmax", Map.of("dim", dims, "keep_dim", keep, "variant", List.of("plain", "ties")));
        required.put("gather", Map.of("dim", dims, "variant", List.of("repeats")));
        required.put("index_select", Map.of("dim", dims, "variant", List.of("repeats")));
        required.put("clamp", Map.of("variant", List.of("plain", "boundary", "inverted"),
                "min", List.of("finite", "-Infinity"), "max", List.of("finite", "Infinity")));
        required.put("pow", Map.of("exponent", List.of("0.0", "0.5", "1.0", "1.5", "2.0", "2.5", "3.0", "-0.5",
                "-1.0", "-1.5", "-2.0")));

        Map<String, List<Map<String, String>>> byOp = new LinkedHashMap<>();
        for (Path p : Fixture.all("ops")) {
            Fixture f = Fixture.load(p);
            assertEquals("op", f.meta("module"), p.toString());
            byOp.computeIfAbsent(f.meta("op"), k -> new ArrayList<>()).add(f.metadata());
        }
        List<String> missing = new ArrayList<>();
        required.forEach((op, opts) -> missing.addAll(Coverage.missing(op, opts,
                byOp.getOrDefault(op, List.of()), OpParityTest::bucket)));
        assertTrue(missing.isEmpty(), "op arguments without a parity case: " + missing);
    }

    static String bucket(String key, String value) {
        switch (key) {
            case "dim": return value.startsWith("-") ? "negative" : "non-negative";
            case "min": case "max": return value.endsWith("Infinity") ? value : "finite";
            default: return value;
        }
    }
}
