package org.rnn4j.parity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.io.SafeTensors;
import org.rnn4j.nn.Module;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.testing.Fixture;

/**
 * State dicts cross between PyTorch and rnn4j both ways (tools/state_dict_roundtrip.py, whose
 * results are committed under fixtures/roundtrip):
 * <ul>
 *   <li>PyTorch to rnn4j: {@code <name>.pt.safetensors} (PyTorch's {@code state_dict()}, in
 *       F32, F64 or F16) loads with {@code loadStateDict} into the twin module, which then
 *       predicts PyTorch's outputs.</li>
 *   <li>rnn4j to PyTorch: {@code <name>.rnn4j.safetensors} was written by {@link SafeTensors#save}
 *       from an rnn4j module, loaded by PyTorch with {@code load_state_dict(strict=True)}, and
 *       PyTorch's outputs ({@code .rnn4j.torch.safetensors}) equal rnn4j's.</li>
 * </ul>
 */
class StateDictRoundTripTest {
    static final double RTOL = 1e-5;
    static final double ATOL = 1e-6;

    private static List<Path> files(String suffix) {
        try (Stream<Path> s = Files.list(Fixture.root().resolve("roundtrip"))) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path sibling(Path p, String from, String to) {
        return p.resolveSibling(p.getFileName().toString().replace(from, to));
    }

    @TestFactory
    Stream<DynamicTest> pytorchStateDictLoadsIntoTwinAndPredictsTheSame() {
        List<Path> pt = files(".pt.safetensors");
        assertFalse(pt.isEmpty(), "no PyTorch state dicts under fixtures/roundtrip");
        return pt.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            Fixture spec = Fixture.load(p);
            Module m = ParityTest.build(spec);
            m.loadStateDict(SafeTensors.load(p)); // the file as PyTorch wrote it: no renaming
            compareForward(spec, m, Fixture.load(sibling(p, ".pt.", ".io.")));
        }));
    }

    @TestFactory
    Stream<DynamicTest> rnn4jStateDictLoadedByPyTorchPredictsTheSame() {
        List<Path> ours = files(".rnn4j.safetensors");
        assertFalse(ours.isEmpty(), "no rnn4j-written state dicts under fixtures/roundtrip");
        return ours.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            Path torch = sibling(p, ".rnn4j.", ".rnn4j.torch.");
            assertTrue(Files.exists(torch), torch + " missing: run tools/state_dict_roundtrip.py check");
            Fixture spec = Fixture.load(p);
            Module m = ParityTest.build(spec);
            m.loadStateDict(SafeTensors.load(p));
            Fixture io = Fixture.load(sibling(p, ".rnn4j.", ".rnn4j.io."));
            Fixture pytorch = Fixture.load(torch);
            Map<String, Tensor> outs = ParityTest.run(spec.meta("module"), m, Map.of("x", io.tensor("x")));
            for (Map.Entry<String, Tensor> o : outs.entrySet()) {
                spec.assertClose("PyTorch's out." + o.getKey() + " on rnn4j's weights",
                        pytorch.tensor("out." + o.getKey()), o.getValue(), RTOL, ATOL);
            }
        }));
    }

    /** Without Python: what rnn4j saves has PyTorch's names, order, shapes and exact values. */
    @Test
    void rnn4jSavesPyTorchNamesShapesAndExactValues(@TempDir Path dir) throws IOException {
        for (Path p : files(".pt.safetensors")) {
            Fixture spec = Fixture.load(p);
            Module m = ParityTest.build(spec);
            Path out = dir.resolve(p.getFileName());
            SafeTensors.save(out, m.stateDict(), spec.metadata());
            Map<String, Tensor> back = SafeTensors.load(out);
            Map<String, Tensor> pytorch = SafeTensors.load(p);
            assertEquals(List.copyOf(pytorch.keySet()), List.copyOf(back.keySet()), p + ": state dict names");
            for (Map.Entry<String, Tensor> e : m.stateDict().entrySet()) {
                assertArrayEquals(pytorch.get(e.getKey()).shape(), back.get(e.getKey()).shape(), e.getKey());
                assertArrayEquals(e.getValue().toFloatArray(), back.get(e.getKey()).toFloatArray(), e.getKey());
            }
            assertEquals(spec.metadata(), SafeTensors.metadata(out));
        }
    }

    private static void compareForward(Fixture spec, Module m, Fixture io) {
        Map<String, Tensor> outs = ParityTest.run(spec.meta("module"), m, Map.of("x", io.tensor("x")));
        int compared = 0;
        for (Map.Entry<String, Tensor> o : outs.entrySet()) {
            spec.assertClose("out." + o.getKey(), io.tensor("out." + o.getKey()), o.getValue(), RTOL, ATOL);
            compared++;
        }
        assertTrue(compared >= 2, spec.name() + ": nothing compared");
    }

    /**
     * Regenerates the rnn4j side (run by hand, then {@code tools/state_dict_roundtrip.py check}):
     * {@code mvn -q -B -pl rnn4j-core test -Dtest=StateDictRoundTripTest -Drnn4j.writeRoundtrip=true}.
     */
    @Test
    @EnabledIfSystemProperty(named = "rnn4j.writeRoundtrip", matches = "true")
    void writeRnn4jStateDicts() throws IOException {
        Path target = Paths.get("src/test/resources/fixtures/roundtrip"); // module base directory
        assertTrue(Files.isDirectory(target), "run from rnn4j-core: " + target.toAbsolutePath());
        Tensor.manualSeed(4);
        for (Path p : files(".pt.safetensors")) {
            Fixture spec = Fixture.load(p);
            String base = p.getFileName().toString().replace(".pt.safetensors", "");
            Module m = ParityTest.build(spec); // rnn4j's own initialisation
            Tensor xRef = Fixture.load(sibling(p, ".pt.", ".io.")).tensor("x");
            Tensor x = Tensor.randn(xRef.shape());
            Map<String, Tensor> io = new LinkedHashMap<>();
            io.put("x", x);
            ParityTest.run(spec.meta("module"), m, Map.of("x", x)).forEach((k, v) -> io.put("out." + k, v.detach()));
            Map<String, String> meta = new LinkedHashMap<>(spec.metadata());
            meta.put("writer", "rnn4j");
            SafeTensors.save(target.resolve(base + ".rnn4j.safetensors"), m.stateDict(), meta);
            SafeTensors.save(target.resolve(base + ".rnn4j.io.safetensors"), io, Map.of("case", base));
        }
    }
}
