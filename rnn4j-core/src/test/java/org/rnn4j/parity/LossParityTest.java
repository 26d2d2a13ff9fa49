package org.rnn4j.parity;

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
import org.rnn4j.nn.BCEWithLogitsLoss;
import org.rnn4j.nn.CrossEntropyLoss;
import org.rnn4j.nn.HuberLoss;
import org.rnn4j.nn.L1Loss;
import org.rnn4j.nn.MSELoss;
import org.rnn4j.nn.NLLLoss;
import org.rnn4j.nn.Reduction;
import org.rnn4j.nn.SmoothL1Loss;
import org.rnn4j.tensor.DType;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.testing.Fixture;

/**
 * Every loss and every option against PyTorch 1.13 in float64 ({@code tools/make_loss_fixtures.py},
 * fixtures/losses): the three reductions; Huber's delta and smooth L1's beta (0 included);
 * cross-entropy with [C], [N, C] and [N, C, d1, d2] inputs, class-index and probability targets,
 * class weights, label smoothing, ignore_index present in the target (the default -100 and a
 * real class); NLL likewise; BCE with logits with weight and pos_weight. The loss and the
 * gradients of {@code sum(loss * seed)} with respect to the input and any float target are
 * compared with ParityTest's tolerances. {@link #everyLossAndOptionHasACase} fails when an option
 * value loses its last case.
 */
class LossParityTest {
    static final List<String> LOSSES = List.of("MSELoss", "L1Loss", "HuberLoss", "SmoothL1Loss", "CrossEntropyLoss",
            "NLLLoss", "BCEWithLogitsLoss");

    @TestFactory
    Stream<DynamicTest> losses() {
        List<Path> files = Fixture.all("losses");
        assertFalse(files.isEmpty(), "no loss fixtures");
        return files.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> check(p)));
    }

    static void check(Path path) {
        Fixture f = Fixture.load(path);
        Tensor x = f.tensor("x").requiresGrad(true);
        Tensor target = f.tensor("target");
        if (target.dtype() == DType.FLOAT32) target.requiresGrad(true);
        Tensor loss = forward(f, x, target);
        f.assertClose("out.loss", f.tensor("out.loss"), loss, ParityTest.OUT_RTOL, ParityTest.OUT_ATOL);
        loss.mul(f.tensor("seed.loss")).sum().backward();
        f.assertClose("grad.x", f.tensor("grad.x"), x.grad(), ParityTest.GRAD_RTOL, ParityTest.GRAD_ATOL);
        assertEquals(f.has("grad.target"), target.requiresGrad(), f.name() + ": which targets get a gradient");
        if (f.has("grad.target")) {
            f.assertClose("grad.target", f.tensor("grad.target"), target.grad(), ParityTest.GRAD_RTOL,
                    ParityTest.GRAD_ATOL);
        }
    }

    static Tensor forward(Fixture f, Tensor x, Tensor target) {
        Reduction r = Reduction.valueOf(f.meta("reduction").toUpperCase(java.util.Locale.ROOT));
        Tensor weight = f.has("weight") ? f.tensor("weight") : null;
        switch (f.meta("module")) {
            case "MSELoss": return new MSELoss(r).forward(x, target);
            case "L1Loss": return new L1Loss(r).forward(x, target);
            case "HuberLoss": return new HuberLoss(r, f.number("delta")).forward(x, target);
            case "SmoothL1Loss": return new SmoothL1Loss(r, f.number("beta")).forward(x, target);
            case "CrossEntropyLoss":
                return new CrossEntropyLoss(CrossEntropyLoss.options().reduction(r).weight(weight)
                        .ignoreIndex(f.integer("ignore_index")).labelSmoothing(f.number("label_smoothing")))
                        .forward(x, target);
            case "NLLLoss":
                return new NLLLoss(NLLLoss.options().reduction(r).weight(weight).ignoreIndex(f.integer("ignore_index")))
                        .forward(x, target);
            case "BCEWithLogitsLoss":
                return new BCEWithLogitsLoss(BCEWithLogitsLoss.options().reduction(r).weight(weight)
                        .posWeight(f.has("pos_weight") ? f.tensor("pos_weight") : null)).forward(x, target);
            default: throw new AssertionError(f.name() + ": unknown loss " + f.meta("module"));
        }
    }

    static Map<String, Map<String, List<String>>> required() {
        List<String> reductions = List.of("none", "mean", "sum");
        List<String> bool = List.of("false", "true");
        Map<String, Map<String, List<String>>> req = new LinkedHashMap<>();
        req.put("MSELoss", Map.of("reduction", reductions));
        req.put("L1Loss", Map.of("reduction", reductions));
        req.put("HuberLoss", Map.of("reduction", reductions, "delta", List.of("default", "other")));
        req.put("SmoothL1Loss", Map.of("reduction", reductions, "beta", List.of("0", "default", "other")));
        Map<String, List<String>> nll = new LinkedHashMap<>();
        nll.put("reduction", reductions);
        nll.put("layout", List.of("unbatched", "batched", "spatial"));
        nll.put("has_weight", bool);
        nll.put("ignored_in_target", bool);
        nll.put("ignore_index", List.of("default", "a class"));
        req.put("NLLLoss", nll);
        Map<String, List<String>> ce = new LinkedHashMap<>(nll);
        ce.put("target_kind", List.of("index", "prob"));
        ce.put("label_smoothing", List.of("0", "some"));
        req.put("CrossEntropyLoss", ce);
        req.put("BCEWithLogitsLoss", Map.of("reduction", reductions, "has_weight", bool, "has_pos_weight", bool));
        return req;
    }

    @Test
    void everyLossAndOptionHasACase() {
        Map<String, List<Map<String, String>>> byLoss = new LinkedHashMap<>();
        for (Path p : Fixture.all("losses")) {
            Fixture f = Fixture.load(p);
            assertTrue(LOSSES.contains(f.meta("module")), p + ": unknown loss " + f.meta("module"));
            byLoss.computeIfAbsent(f.meta("module"), k -> new ArrayList<>()).add(f.metadata());
        }
        List<String> missing = new ArrayList<>();
        required().forEach((loss, opts) -> missing.addAll(Coverage.missing(loss, opts,
                byLoss.getOrDefault(loss, List.of()), LossParityTest::bucket)));
        assertTrue(missing.isEmpty(), "loss options without a parity case: " + missing);
    }

    /** The coverage check is able to fail: without the NONE cases of cross-entropy it names them. */
    @Test
    void coverageNamesAValueThatLostItsCases() {
        List<Map<String, String>> metas = new ArrayList<>();
        for (Path p : Fixture.all("losses")) {
            Fixture f = Fixture.load(p);
            if (f.meta("module").equals("CrossEntropyLoss") && !f.meta("reduction").equals("none")) {
                metas.add(f.metadata());
            }
        }
        assertEquals(List.of("CrossEntropyLoss reduction=none"), Coverage.missing("CrossEntropyLoss",
                required().get("CrossEntropyLoss"), metas, LossParityTest::bucket));
    }

    static String bucket(String key, String value) {
        switch (key) {
            case "delta": case "beta":
                return Double.parseDouble(value) == 0 ? "0" : Double.parseDouble(value) == 1 ? "default" : "other";
            case "ignore_index": return value.equals("-100") ? "default" : "a class";
            case "label_smoothing": return Double.parseDouble(value) == 0 ? "0" : "some";
            default: return value;
        }
    }
}
