package org.rnn4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.nn.Dropout;
import org.rnn4j.nn.Embedding;
import org.rnn4j.nn.GRUCell;
import org.rnn4j.nn.LSTM;
import org.rnn4j.nn.LayerNorm;
import org.rnn4j.nn.Linear;
import org.rnn4j.nn.Module;
import org.rnn4j.nn.Sequential;
import org.rnn4j.nn.Tanh;
import org.rnn4j.tensor.Generator;
import org.rnn4j.tensor.Tensor;

/**
 * Module trees: a container type from outside rnn4j-core ({@link PairCodec}, found through
 * ServiceLoader) holding built-in modules and another container, written as nested nodes and
 * rebuilt with the same names, options and bits.
 */
class ModelsContainerTest {
    @TempDir
    Path dir;

    @Test
    void aServiceLoaderCodecIsPartOfTheStandardRegistry() {
        assertTrue(ModuleCodecs.standard().types().contains("Pair"));
        assertTrue(!ModuleCodecs.builtIn().types().contains("Pair"));
    }

    @Test
    void nestedContainersRoundTrip() throws IOException {
        PairCodec.Pair model = new PairCodec.Pair("outer", new LSTM(3, 4, LSTM.options().numLayers(2)),
                new PairCodec.Pair("inner", new Linear(4, 2), new GRUCell(2, 3)));
        Path file = dir.resolve("pair.safetensors");
        Models.save(file, model);
        assertEquals("{\"type\":\"Pair\",\"config\":{\"label\":\"outer\"},\"children\":{"
                + "\"first\":{\"type\":\"LSTM\",\"config\":{\"input_size\":3,\"hidden_size\":4,\"num_layers\":2,"
                + "\"bias\":true,\"batch_first\":false,\"dropout\":0.0,\"bidirectional\":false,\"proj_size\":0,"
                + "\"activation\":\"tanh\",\"gate_activation\":\"sigmoid\",\"peephole\":false}},"
                + "\"second\":{\"type\":\"Pair\",\"config\":{\"label\":\"inner\"},\"children\":{"
                + "\"first\":{\"type\":\"Linear\",\"config\":{\"in_features\":4,\"out_features\":2,\"bias\":true}},"
                + "\"second\":{\"type\":\"GRUCell\",\"config\":{\"input_size\":2,\"hidden_size\":3,\"bias\":true}}}}}}",
                SafeTensors.metadata(file).get("rnn4j.model"));

        PairCodec.Pair loaded = Models.load(file, PairCodec.Pair.class);
        assertEquals(model.toString(), loaded.toString());
        assertEquals(List.copyOf(model.stateDict().keySet()), List.copyOf(loaded.stateDict().keySet()));
        Tensor x = Tensor.randn(new Generator(3), 5, 2, 3);
        assertArrayEquals(ModelsRoundTripTest.bits(run(model, x)), ModelsRoundTripTest.bits(run(loaded, x)));
    }

    /** A Sequential is a container node with PyTorch's child names, so its weights have PyTorch's names. */
    @Test
    void sequentialIsWrittenWithPyTorchsNamesAndArguments() throws IOException {
        Sequential model = new Sequential(new Embedding(5, 2, Embedding.options().paddingIdx(-1)), new Linear(2, 3),
                new Dropout(0.25), new Sequential(new LayerNorm(3, LayerNorm.options().eps(1e-6)), new Tanh()));
        Path file = dir.resolve("seq.safetensors");
        Models.save(file, model);
        assertEquals("{\"type\":\"Sequential\",\"config\":{},\"children\":{"
                + "\"0\":{\"type\":\"Embedding\",\"config\":{\"num_embeddings\":5,\"embedding_dim\":2,"
                + "\"padding_idx\":4,\"freeze\":false}},"
                + "\"1\":{\"type\":\"Linear\",\"config\":{\"in_features\":2,\"out_features\":3,\"bias\":true}},"
                + "\"2\":{\"type\":\"Dropout\",\"config\":{\"p\":0.25}},"
                + "\"3\":{\"type\":\"Sequential\",\"config\":{},\"children\":{"
                + "\"0\":{\"type\":\"LayerNorm\",\"config\":{\"normalized_shape\":[3],\"eps\":1.0E-6,"
                + "\"elementwise_affine\":true,\"bias\":true}},"
                + "\"1\":{\"type\":\"Tanh\",\"config\":{}}}}}}",
                SafeTensors.metadata(file).get("rnn4j.model"));
        assertEquals(List.of("0.weight", "1.bias", "1.weight", "3.0.bias", "3.0.weight"),
                SafeTensors.describe(file).stream().map(TensorInfo::name).sorted().toList());
        Sequential loaded = Models.load(file, Sequential.class);
        assertEquals(model.toString(), loaded.toString());
    }

    private static Tensor run(PairCodec.Pair p, Tensor x) {
        PairCodec.Pair inner = (PairCodec.Pair) p.second;
        Tensor y = ((Linear) inner.first).forward(((LSTM) p.first).forward(x).output());
        return ((GRUCell) inner.second).forward(y.select(0, 4));
    }

    @Test
    void hostileTreesNameThePlaceInTheTree() throws IOException {
        Path file = dir.resolve("pair.safetensors");
        Models.save(file, new PairCodec.Pair("p", new Linear(1, 1), new PairCodec.Pair("q", new Linear(1, 1),
                new Linear(1, 1))));
        String good = SafeTensors.metadata(file).get("rnn4j.model");
        Map<String, Tensor> weights = SafeTensors.load(file);

        String unknown = good.replace("\"second\":{\"type\":\"Linear\"", "\"second\":{\"type\":\"Conv2d\"");
        assertEquals(file + ": module 'second.second' has unknown module type \"Conv2d\" (this rnn4j knows Linear,"
                + " RNN, LSTM, GRU, RNNCell, LSTMCell, GRUCell, ElmanNetwork, JordanNetwork, Embedding, Dropout, LayerNorm,"
                + " Tanh, ReLU, Sigmoid, Sequential, Pair)",
                refused(file, unknown, weights));
        String renamed = good.replace("{\"first\":{\"type\":\"Linear\",\"config\":{\"in_features\":1,"
                + "\"out_features\":1,\"bias\":true}},\"second\":{\"type\":\"Pair\"", "{\"one\":{\"type\":\"Linear\","
                + "\"config\":{\"in_features\":1,\"out_features\":1,\"bias\":true}},\"second\":{\"type\":\"Pair\"");
        assertEquals(file + ": the root module (Pair): a Pair holds first and second, found [one, second]",
                refused(file, renamed, weights));
        String badChildren = good.replace("\"children\":{\"first\"", "\"children\":[{\"first\"");
        assertTrue(refused(file, badChildren, weights).contains("not valid JSON"));
        String arrayChildren = "{\"type\":\"Pair\",\"config\":{\"label\":\"p\"},\"children\":[]}";
        assertEquals(file + ": the root module (Pair): \"children\" must be a JSON object, found an array",
                refused(file, arrayChildren, weights));
    }

    private String refused(Path file, String architecture, Map<String, Tensor> weights) throws IOException {
        Map<String, String> meta = new java.util.LinkedHashMap<>(SafeTensors.metadata(file));
        meta.put("rnn4j.model", architecture);
        Path p = dir.resolve("edited.safetensors");
        SafeTensors.save(p, weights, meta);
        String m = assertThrows(IOException.class, () -> Models.load(p)).getMessage();
        return m.replace(p.toString(), file.toString());
    }

    /** A module without a codec anywhere in the tree cannot be saved, and the message says where. */
    @Test
    void aModuleWithoutCodecIsNamed() {
        Module odd = new Unfaithful.Box();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Models.save(dir.resolve("x.safetensors"), new PairCodec.Pair("p", new Linear(1, 1), odd)));
        assertTrue(e.getMessage().startsWith("module 'second' (Box) has no codec, so a model file cannot describe it"),
                e.getMessage());
    }
}
