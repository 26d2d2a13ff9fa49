package org.rnn4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.rnn4j.io.SafeTensors;
import org.rnn4j.tensor.Tensor;

/**
 * One optimizer-state case of tools/make_optim_fixtures.py (optim/state/*.safetensors): initial
 * parameters, five steps of gradients, parameters after steps 3 and 5, and PyTorch's state after
 * step 3 flattened by tools/optim_state.py.
 */
final class StateFixture {
    static final int PARAMS = 5;
    /** Relative tolerance of the trajectory tests (OptimTrajectoryTest). */
    static final double REL = 1e-6;

    final String name;
    final String optimizer;
    private final Map<String, Tensor> tensors;

    private StateFixture(Path path) throws IOException {
        this.name = path.getFileName().toString().replace(".safetensors", "");
        this.optimizer = SafeTensors.metadata(path).get("optimizer");
        this.tensors = SafeTensors.load(path);
    }

    static List<StateFixture> all() {
        try {
            Path dir = Path.of(StateFixture.class.getResource("/optim/state").toURI());
            List<StateFixture> out = new ArrayList<>();
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : files.sorted().toList()) out.add(new StateFixture(p));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return name;
    }

    /** Fresh leaf copies of the parameters: initial (step 0) or after step 3 or 5. */
    List<Tensor> params(int afterStep) {
        List<Tensor> out = new ArrayList<>();
        for (int i = 0; i < PARAMS; i++) {
            String key = afterStep == 0 ? "param." + i : "after." + afterStep + "." + i;
            out.add(tensors.get(key).copy().requiresGrad(true));
        }
        return out;
    }

    /** Sets the gradients of step {@code s} (null where PyTorch's was None). */
    void setGrads(List<Tensor> params, int s) {
        for (int i = 0; i < params.size(); i++) {
            Tensor g = tensors.get("grad." + s + "." + i);
            params.get(i).setGrad(g == null ? null : g.copy());
        }
    }

    /** PyTorch's flattened state after step 3 (a fresh map of copies). */
    Map<String, Tensor> stateAfter3() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            if (e.getKey().startsWith("opt3.")) out.put(e.getKey().substring(5), e.getValue().copy());
        }
        return out;
    }

    /** Only the param_groups.0 entries of {@link #stateAfter3()}: hyper-parameters, no state. */
    Map<String, Tensor> hyperParameters() {
        Map<String, Tensor> out = stateAfter3();
        out.keySet().removeIf(k -> !k.startsWith("param_groups."));
        return out;
    }

    /** A fresh optimizer of the fixture's class, with hyper-parameters unlike the fixture's. */
    Optimizer freshOptimizer(List<Tensor> params) {
        return switch (optimizer) {
            case "Adam" -> new Adam(params, 0.5);
            case "AdamW" -> new AdamW(params, 0.5);
            case "SGD" -> new SGD(params, 0.5);
            case "RMSprop" -> new RMSprop(params, 0.5);
            default -> throw new AssertionError(name + ": unknown optimizer " + optimizer);
        };
    }

    void assertParamsAfter(int step, List<Tensor> params) {
        for (int i = 0; i < PARAMS; i++) {
            assertClose(name + " parameter " + i + " after step " + step, tensors.get("after." + step + "." + i),
                    params.get(i));
        }
    }

    static void assertClose(String what, Tensor want, Tensor got) {
        assertEquals(java.util.Arrays.toString(want.shape()), java.util.Arrays.toString(got.shape()), what + " shape");
        float[] w = want.toFloatArray();
        float[] g = got.toFloatArray();
        for (int j = 0; j < w.length; j++) {
            double err = Math.abs(g[j] - w[j]) / Math.max(Math.abs(w[j]), 1e-3);
            final int el = j;
            assertTrue(err <= REL, () -> what + " element " + el + ": expected " + w[el] + ", got " + g[el]);
        }
    }
}
