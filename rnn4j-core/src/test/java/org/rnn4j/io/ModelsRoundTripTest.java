package org.rnn4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnn4j.nn.Activation;
import org.rnn4j.nn.CellState;
import org.rnn4j.nn.Dropout;
import org.rnn4j.nn.ElmanNetwork;
import org.rnn4j.nn.Embedding;
import org.rnn4j.nn.GRU;
import org.rnn4j.nn.GRUCell;
import org.rnn4j.nn.JordanNetwork;
import org.rnn4j.nn.LSTM;
import org.rnn4j.nn.LSTMCell;
import org.rnn4j.nn.LSTMOutput;
import org.rnn4j.nn.LayerNorm;
import org.rnn4j.nn.Linear;
import org.rnn4j.nn.Module;
import org.rnn4j.nn.NetworkOutput;
import org.rnn4j.nn.RNN;
import org.rnn4j.nn.RNNCell;
import org.rnn4j.nn.ReLU;
import org.rnn4j.nn.RecurrentOutput;
import org.rnn4j.nn.Sequential;
import org.rnn4j.nn.Sigmoid;
import org.rnn4j.nn.Tanh;
import org.rnn4j.nn.UnaryModule;
import org.rnn4j.tensor.Generator;
import org.rnn4j.tensor.Tensor;

/**
 * Every module type with a codec, with every option: save, {@link Models#load}, and the loaded
 * module has the same class, repr, parameter names and bits, and gives the same outputs, bit for
 * bit, on the same input.
 */
class ModelsRoundTripTest {
    @TempDir
    Path dir;

    /** One module and how to run it on an input of {@code input} shape. */
    record Case(String name, Supplier<Module> make, int[] input, BiFunction<Module, Tensor, List<Tensor>> run) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        List<Case> c = new ArrayList<>();
        c.add(new Case("Linear", () -> new Linear(3, 4), new int[] {5, 3}, (m, x) -> List.of(((Linear) m).forward(x))));
        c.add(new Case("Linear bias=False", () -> new Linear(3, 2, false), new int[] {2, 7, 3},
                (m, x) -> List.of(((Linear) m).forward(x))));
        c.add(rnn("RNN", RNN.options(), new int[] {6, 2, 3}));
        c.add(rnn("RNN relu 2 layers bidirectional no bias", RNN.options().nonlinearity(Activation.RELU).numLayers(2)
                .bidirectional(true).bias(false), new int[] {6, 2, 3}));
        c.add(rnn("RNN sigmoid batch_first dropout", RNN.options().nonlinearity(Activation.SIGMOID).batchFirst(true)
                .dropout(0.25).numLayers(2), new int[] {2, 6, 3}));
        c.add(rnn("RNN identity", RNN.options().nonlinearity(Activation.IDENTITY), new int[] {6, 3}));
        c.add(lstm("LSTM", LSTM.options(), new int[] {6, 2, 3}));
        c.add(lstm("LSTM proj_size 3 layers bidirectional batch_first dropout", LSTM.options().projSize(3)
                .numLayers(3).bidirectional(true).batchFirst(true).dropout(0.5), new int[] {2, 6, 3}));
        c.add(lstm("LSTM peephole relu tanh-gates no bias", LSTM.options().peephole(true)
                .activation(Activation.RELU).gateActivation(Activation.TANH).bias(false).numLayers(2),
                new int[] {6, 2, 3}));
        c.add(lstm("LSTM peephole proj bidirectional", LSTM.options().peephole(true).projSize(2)
                .bidirectional(true).activation(Activation.IDENTITY), new int[] {6, 2, 3}));
        c.add(gru("GRU", GRU.options(), new int[] {6, 2, 3}));
        c.add(gru("GRU 2 layers bidirectional batch_first dropout no bias", GRU.options().numLayers(2)
                .bidirectional(true).batchFirst(true).dropout(0.1).bias(false), new int[] {2, 6, 3}));
        c.add(new Case("RNNCell relu no bias", () -> new RNNCell(3, 5, RNNCell.options().bias(false)
                .nonlinearity(Activation.RELU)), new int[] {4, 3}, (m, x) -> List.of(((RNNCell) m).forward(x))));
        c.add(new Case("RNNCell", () -> new RNNCell(3, 5), new int[] {3}, (m, x) -> List.of(((RNNCell) m).forward(x))));
        c.add(new Case("LSTMCell", () -> new LSTMCell(3, 5), new int[] {4, 3}, (m, x) -> {
            CellState s = ((LSTMCell) m).forward(x);
            return List.of(s.h(), s.c());
        }));
        c.add(new Case("LSTMCell no bias", () -> new LSTMCell(3, 5, LSTMCell.options().bias(false)), new int[] {4, 3},
                (m, x) -> List.of(((LSTMCell) m).forward(x).h())));
        c.add(new Case("GRUCell", () -> new GRUCell(3, 5), new int[] {4, 3}, (m, x) -> List.of(((GRUCell) m).forward(x))));
        c.add(new Case("GRUCell no bias", () -> new GRUCell(3, 5, GRUCell.options().bias(false)), new int[] {4, 3},
                (m, x) -> List.of(((GRUCell) m).forward(x))));
        c.add(new Case("ElmanNetwork", () -> new ElmanNetwork(3, 5, 2), new int[] {6, 2, 3}, (m, x) -> net(((ElmanNetwork) m)
                .forward(x))));
        c.add(new Case("ElmanNetwork relu sigmoid no bias batch_first", () -> new ElmanNetwork(3, 5, 2,
                ElmanNetwork.options().activation(Activation.RELU).outputActivation(Activation.SIGMOID).bias(false)
                        .batchFirst(true)), new int[] {2, 6, 3}, (m, x) -> net(((ElmanNetwork) m).forward(x))));
        c.add(new Case("JordanNetwork", () -> new JordanNetwork(3, 5, 2), new int[] {6, 2, 3}, (m, x) -> net(((JordanNetwork) m)
                .forward(x))));
        c.add(new Case("JordanNetwork sigmoid tanh no bias batch_first", () -> new JordanNetwork(3, 4, 2,
                JordanNetwork.options().activation(Activation.SIGMOID).outputActivation(Activation.TANH).bias(false)
                        .batchFirst(true)), new int[] {2, 6, 3}, (m, x) -> net(((JordanNetwork) m).forward(x))));
        c.add(unary("Embedding", () -> new Embedding(7, 3), new int[] {4, 2}));
        c.add(unary("Embedding padding_idx frozen", () -> frozen(new Embedding(7, 3, Embedding.options().paddingIdx(-2))),
                new int[] {5}));
        c.add(unary("Embedding from_pretrained trainable", () -> Embedding.fromPretrained(Tensor.randn(4, 2), false,
                Embedding.options().paddingIdx(0)), new int[] {3, 2}));
        c.add(unary("Dropout", () -> new Dropout(0.3, new Generator(1)), new int[] {4, 3}));
        c.add(unary("Dropout p=0", () -> new Dropout(0), new int[] {2, 3}));
        c.add(unary("LayerNorm", () -> perturbed(new LayerNorm(5)), new int[] {3, 5}));
        c.add(unary("LayerNorm eps bias=False", () -> perturbed(new LayerNorm(5, LayerNorm.options().eps(1e-3)
                .bias(false))), new int[] {2, 3, 5}));
        c.add(unary("LayerNorm elementwise_affine=False", () -> new LayerNorm(4, LayerNorm.options().eps(0.25)
                .elementwiseAffine(false)), new int[] {4}));
        c.add(unary("Tanh", Tanh::new, new int[] {3, 4}));
        c.add(unary("ReLU", ReLU::new, new int[] {3, 4}));
        c.add(unary("Sigmoid", Sigmoid::new, new int[] {3, 4}));
        c.add(unary("Sequential empty", Sequential::new, new int[] {2, 3}));
        c.add(unary("Sequential(Linear, Tanh, Dropout, LayerNorm, Linear)", () -> perturbed(new Sequential(
                new Linear(3, 6), new Tanh(), new Dropout(0.5), new LayerNorm(6), new Linear(6, 2, false))),
                new int[] {5, 2, 3}));
        c.add(unary("Sequential(Embedding, LayerNorm, Sequential(Linear, ReLU, Dropout, Sequential()), Sigmoid)",
                () -> perturbed(new Sequential(frozen(new Embedding(9, 4, Embedding.options().paddingIdx(0))),
                        new LayerNorm(4, LayerNorm.options().bias(false)), new Sequential(new Linear(4, 3), new ReLU(),
                                new Dropout(0.1), new Sequential()), new Sigmoid())), new int[] {6, 2}));
        return c.stream();
    }

    /**
     * A one-input module on FLOAT input of {@code shape}, or, when it starts with an Embedding, on
     * INT64 indices of that shape drawn from the input's values.
     */
    private static Case unary(String name, Supplier<Module> make, int[] shape) {
        return new Case(name, make, shape, (m, x) -> List.of(((UnaryModule) m).forward(
                firstEmbedding(m) instanceof Embedding e ? indices(x, e.numEmbeddings()) : x)));
    }

    private static Module firstEmbedding(Module m) {
        return m instanceof Sequential s && s.size() > 0 ? firstEmbedding(s.get(0)) : m;
    }

    /** Indices in [0, n) from a float tensor's values, all rows used for small tensors. */
    private static Tensor indices(Tensor x, int n) {
        float[] v = x.toFloatArray();
        long[] idx = new long[v.length];
        for (int i = 0; i < v.length; i++) idx[i] = (i + (long) Math.floor(Math.abs(v[i]) * 3)) % n;
        return Tensor.ofLongs(idx, x.shape());
    }

    /** {@code m} with every parameter redrawn, so that LayerNorm's ones and zeros are not what a round trip checks. */
    private static <M extends Module> M perturbed(M m) {
        Generator g = new Generator(11);
        for (Tensor p : m.parameters()) p.copyFrom(Tensor.randn(g, p.shape()));
        return m;
    }

    private static Embedding frozen(Embedding e) {
        e.weight().requiresGrad(false);
        return e;
    }

    private static Case rnn(String name, RNN.Options o, int[] input) {
        return new Case(name, () -> new RNN(3, 4, o), input, (m, x) -> out(((RNN) m).forward(x)));
    }

    private static Case gru(String name, GRU.Options o, int[] input) {
        return new Case(name, () -> new GRU(3, 4, o), input, (m, x) -> out(((GRU) m).forward(x)));
    }

    private static Case lstm(String name, LSTM.Options o, int[] input) {
        return new Case(name, () -> new LSTM(3, 4, o), input, (m, x) -> {
            LSTMOutput r = ((LSTM) m).forward(x);
            return List.of(r.output(), r.h(), r.c());
        });
    }

    private static List<Tensor> out(RecurrentOutput r) {
        return List.of(r.output(), r.h());
    }

    private static List<Tensor> net(NetworkOutput r) {
        return List.of(r.output(), r.h());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void saveLoadGivesTheSameModuleAndOutputsBitForBit(Case c) throws IOException {
        Module original = c.make().get();
        original.eval();
        Path file = dir.resolve("model.safetensors");
        Models.save(file, original);
        Module loaded = Models.load(file);

        assertNotSame(original, loaded);
        assertEquals(original.getClass(), loaded.getClass());
        assertEquals(original.toString(), loaded.toString(), "repr");
        assertFalse(loaded.isTraining(), "a loaded model is in eval mode");
        Map<String, Tensor> want = original.stateDict();
        Map<String, Tensor> got = loaded.stateDict();
        assertEquals(List.copyOf(want.keySet()), List.copyOf(got.keySet()), "parameter names in order");
        for (String k : want.keySet()) assertArrayEquals(bits(want.get(k)), bits(got.get(k)), k);
        Map<String, Tensor> wantParams = original.namedParameters();
        Map<String, Tensor> gotParams = loaded.namedParameters();
        for (String k : wantParams.keySet()) {
            assertEquals(wantParams.get(k).requiresGrad(), gotParams.get(k).requiresGrad(), k + " requires grad");
        }

        Tensor x = Tensor.randn(new Generator(7), c.input());
        List<Tensor> a = c.run().apply(original, x);
        List<Tensor> b = c.run().apply(loaded, x);
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).shape(), b.get(i).shape(), "output " + i + " shape");
            assertArrayEquals(bits(a.get(i)), bits(b.get(i)), "output " + i);
        }
    }

    @Test
    void typedLoadAndMetadataComeBack() throws IOException {
        LSTM lstm = new LSTM(2, 3, LSTM.options().numLayers(2));
        Path file = dir.resolve("lstm.safetensors");
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("scaling", "{\"mean\":0.5,\"std\":2}");
        meta.put("columns", "a,b");
        Models.save(file, lstm, meta);
        LSTM again = Models.load(file, LSTM.class);
        assertEquals(lstm.config(), again.config());
        ModelFile read = Models.read(file);
        assertEquals(List.of("scaling", "columns"), List.copyOf(read.metadata().keySet()));
        assertEquals("a,b", read.metadata().get("columns"));
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> Models.load(file, GRU.class));
        assertEquals(file + ": the model is a LSTM, not a GRU", e.getMessage());
    }

    /** The file's weights are a plain state dict: SafeTensors.load + loadStateDict reads them too. */
    @Test
    void weightsLoadAsAPlainStateDict() throws IOException {
        GRU gru = new GRU(3, 4, GRU.options().numLayers(2));
        Path file = dir.resolve("gru.safetensors");
        Models.save(file, gru);
        GRU other = new GRU(3, 4, GRU.options().numLayers(2));
        other.loadStateDict(SafeTensors.load(file));
        for (String k : gru.stateDict().keySet()) {
            assertArrayEquals(bits(gru.stateDict().get(k)), bits(other.stateDict().get(k)), k);
        }
    }

    /**
     * Saving (which rebuilds the architecture once to prove it loads) and loading draw their
     * throwaway initial weights elsewhere: the default stream does not move.
     */
    @Test
    void savingAndLoadingDoNotMoveTheDefaultGenerator() throws IOException {
        Path file = dir.resolve("big.safetensors");
        LSTM lstm = new LSTM(8, 16, LSTM.options().numLayers(2).bidirectional(true));
        Tensor.manualSeed(123);
        float[] expected = Tensor.randn(50).toFloatArray();
        Tensor.manualSeed(123);
        Models.save(file, lstm);
        Models.load(file);
        float[] after = Tensor.randn(50).toFloatArray();
        assertArrayEquals(expected, after);
    }

    /**
     * A Dropout's generator is not saved: the loaded one draws its masks from the default
     * generator, as a new {@code Dropout(p)} does, once put back in training mode.
     */
    @Test
    void aLoadedDropoutDrawsFromTheDefaultGenerator() throws IOException {
        Path file = dir.resolve("dropout.safetensors");
        Models.save(file, new Dropout(0.4, new Generator(99)));
        Dropout loaded = Models.load(file, Dropout.class);
        assertEquals(0.4, loaded.p());
        assertSame(Generator.defaultGenerator(), loaded.generator());
        loaded.train();
        Dropout fresh = new Dropout(0.4);
        Tensor x = Tensor.ones(64);
        Tensor.manualSeed(3);
        Tensor a = loaded.forward(x);
        Tensor.manualSeed(3);
        Tensor b = fresh.forward(x);
        assertArrayEquals(bits(b), bits(a));
        float[] y = a.toFloatArray();
        int dropped = 0;
        for (float v : y) dropped += v == 0 ? 1 : 0;
        assertTrue(dropped > 0 && dropped < y.length, "some elements dropped, not all: " + a);
    }

    static int[] bits(Tensor t) {
        float[] f = t.toFloatArray();
        int[] out = new int[f.length];
        for (int i = 0; i < f.length; i++) out[i] = Float.floatToRawIntBits(f[i]);
        return out;
    }
}
