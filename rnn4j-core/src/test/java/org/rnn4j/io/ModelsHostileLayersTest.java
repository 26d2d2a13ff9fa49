package org.rnn4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.rnn4j.io.ModelsHostileTest.assertHas;
import static org.rnn4j.io.ModelsHostileTest.refused;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.nn.Dropout;
import org.rnn4j.nn.Embedding;
import org.rnn4j.nn.LayerNorm;
import org.rnn4j.nn.Sequential;
import org.rnn4j.tensor.Tensor;

/**
 * Hostile model files for Embedding, Dropout, LayerNorm, the activations and Sequential: each
 * differs from a file that loads in one place, and is one IOException naming the file, the
 * module's place in the tree and the problem (see {@link ModelsHostileTest#refused}).
 */
class ModelsHostileLayersTest {
    private static final String LINEAR = node("Linear", "\"in_features\":3,\"out_features\":2,\"bias\":true");

    @TempDir
    Path dir;

    private Path file(String architecture, Map<String, Tensor> tensors) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("rnn4j.format", "model");
        meta.put("rnn4j.format_version", "1");
        meta.put("rnn4j.model", architecture);
        Path p = dir.resolve("hostile.safetensors");
        SafeTensors.save(p, tensors, meta);
        return p;
    }

    private void refusedWith(String architecture, Map<String, Tensor> tensors, String part) throws IOException {
        assertHas(refused(file(architecture, tensors)), part);
    }

    private static String node(String type, String config) {
        return "{\"type\":\"" + type + "\",\"config\":{" + config + "}}";
    }

    /** A Sequential node whose children are given as name, node, name, node, ... */
    private static String sequential(String... namesAndNodes) {
        StringBuilder sb = new StringBuilder("{\"type\":\"Sequential\",\"config\":{},\"children\":{");
        for (int i = 0; i < namesAndNodes.length; i += 2) {
            sb.append(i == 0 ? "" : ",").append('"').append(namesAndNodes[i]).append("\":").append(namesAndNodes[i + 1]);
        }
        return sb.append("}}").toString();
    }

    private static Map<String, Tensor> tensors(Object... namesAndShapes) {
        Map<String, Tensor> w = new LinkedHashMap<>();
        for (int i = 0; i < namesAndShapes.length; i += 2) w.put((String) namesAndShapes[i], Tensor.zeros((int[]) namesAndShapes[i + 1]));
        return w;
    }

    private static int[] s(int... shape) {
        return shape;
    }

    @Test
    void embedding() throws IOException {
        Map<String, Tensor> w = tensors("weight", s(3, 2));
        Embedding e = Models.load(file(node("Embedding", "\"num_embeddings\":3,\"embedding_dim\":2,\"padding_idx\":1,"
                + "\"freeze\":true"), w), Embedding.class);
        assertEquals("Embedding(3, 2, padding_idx=1)", e.toString());
        assertFalse(e.weight().requiresGrad(), "frozen");

        refusedWith(node("Embedding", "\"num_embeddings\":-3,\"embedding_dim\":2"), w, "the root module (Embedding):"
                + " Trying to create tensor with negative dimension: [-3, 2] (num_embeddings, embedding_dim)");
        refusedWith(node("Embedding", "\"num_embeddings\":3,\"embedding_dim\":-2"), w, "negative dimension: [3, -2]");
        refusedWith(node("Embedding", "\"num_embeddings\":3,\"embedding_dim\":2,\"padding_idx\":3"), w,
                "(Embedding): Padding_idx must be within num_embeddings: expected -3 <= padding_idx < 3, got 3");
        refusedWith(node("Embedding", "\"num_embeddings\":3,\"embedding_dim\":2,\"padding_idx\":-1"), w,
                "(Embedding): option 'padding_idx' must be stored normalised, in [0, 3) (num_embeddings=3), got -1");
        refusedWith(node("Embedding", "\"num_embeddings\":3,\"embedding_dim\":2,\"freeze\":\"yes\""), w,
                "option 'freeze' must be a boolean, found the string \"yes\"");
        refusedWith(node("Embedding", "\"embedding_dim\":2"), w, "(Embedding): missing option 'num_embeddings'");
        refusedWith(node("Embedding", "\"num_embeddings\":3,\"embedding_dim\":2,\"max_norm\":1.0"), w,
                "(Embedding): unknown option 'max_norm'");
        refusedWith(node("Embedding", "\"num_embeddings\":4,\"embedding_dim\":2"), w,
                "the architecture does not match the weights: tensor 'weight' has shape [3, 2], expected [4, 2]");
        refusedWith(node("Embedding", "\"num_embeddings\":100000,\"embedding_dim\":100"), w,
                "the module's tensors need more memory than its weights hold");
    }

    @Test
    void dropout() throws IOException {
        assertEquals(0.5, Models.load(file(node("Dropout", ""), Map.of()), Dropout.class).p(), "PyTorch's default p");
        refusedWith(node("Dropout", "\"p\":1.5"), Map.of(),
                "the root module (Dropout): dropout probability has to be between 0 and 1, but got 1.5");
        refusedWith(node("Dropout", "\"p\":-0.25"), Map.of(), "between 0 and 1, but got -0.25");
        refusedWith(node("Dropout", "\"p\":\"half\""), Map.of(), "option 'p' must be a number, found the string \"half\"");
        refusedWith(node("Dropout", "\"p\":0.5,\"inplace\":false"), Map.of(), "(Dropout): unknown option 'inplace'");
        refusedWith(node("Dropout", "\"p\":0.5"), tensors("weight", s(2)), "unexpected tensor 'weight'");
    }

    @Test
    void layerNorm() throws IOException {
        Map<String, Tensor> w = tensors("weight", s(4), "bias", s(4));
        String affine = ",\"eps\":1e-5,\"elementwise_affine\":true,\"bias\":true";
        LayerNorm ok = Models.load(file(node("LayerNorm", "\"normalized_shape\":[4]" + affine), w), LayerNorm.class);
        assertEquals("LayerNorm((4,), eps=1e-05, elementwise_affine=True)", ok.toString());

        refusedWith(node("LayerNorm", "\"normalized_shape\":[-4]" + affine), w, "the root module (LayerNorm):"
                + " Trying to create tensor with negative dimension -4: [-4] (normalized_shape)");
        refusedWith(node("LayerNorm", "\"normalized_shape\":[2,2]" + affine), w, "(LayerNorm): option"
                + " 'normalized_shape' must have one element (rnn4j's LayerNorm normalises over the last dimension),"
                + " got [2, 2]");
        refusedWith(node("LayerNorm", "\"normalized_shape\":[]" + affine), w, "must have one element");
        refusedWith(node("LayerNorm", "\"normalized_shape\":4" + affine), w,
                "option 'normalized_shape' must be an array of integers, found the number 4");
        refusedWith(node("LayerNorm", "\"normalized_shape\":[4],\"eps\":\"small\""), w,
                "option 'eps' must be a number, found the string \"small\"");
        refusedWith(node("LayerNorm", "\"normalized_shape\":[4],\"elementwise_affine\":false"), w,
                "the architecture does not match the weights: unexpected tensor");
        refusedWith(node("LayerNorm", "\"normalized_shape\":[4],\"bias\":false"), w, "unexpected tensor 'bias'");
        refusedWith(node("LayerNorm", "\"normalized_shape\":[5]" + affine), w, "tensor 'weight' has shape [4], expected [5]");
    }

    @Test
    void activations() throws IOException {
        refusedWith(node("Tanh", "\"inplace\":false"), Map.of(), "the root module (Tanh): unknown option 'inplace'");
        refusedWith(node("ReLU", "").replace("}}", "},\"children\":{\"0\":" + node("Tanh", "") + "}}"), Map.of(),
                "the root module (ReLU): the file lists submodules [0] but the built module holds []");
        refusedWith(node("Sigmoid", ""), tensors("weight", s(1)), "unexpected tensor 'weight'");
    }

    @Test
    void sequentialChildren() throws IOException {
        Map<String, Tensor> w = tensors("0.weight", s(2, 3), "0.bias", s(2));
        Sequential ok = Models.load(file(sequential("0", LINEAR, "1", node("Tanh", "")), w), Sequential.class);
        assertEquals(2, ok.size());

        refusedWith(sequential("a", LINEAR, "1", node("Tanh", "")), w, "the root module (Sequential): a Sequential's"
                + " submodules are named 0, 1, 2, ... in order, but submodule 0 is named \"a\"");
        refusedWith(sequential("1", node("Tanh", ""), "0", LINEAR), w, "but submodule 0 is named \"1\"");
        refusedWith(sequential("0", LINEAR, "2", node("Tanh", "")), w, "but submodule 1 is named \"2\"");
        refusedWith(sequential("0", LINEAR, "1", node("Tanh", ""), "2", LINEAR), w,
                "the architecture does not match the weights: missing tensor '2.weight' [2, 3]");
        refusedWith(sequential("0", LINEAR), tensors("0.weight", s(2, 3), "0.bias", s(2), "1.weight", s(2, 3)),
                "unexpected tensor '1.weight'");
        refusedWith(sequential("0", node("Tanh", ""), "1", LINEAR), w, "the architecture does not match the weights");
        refusedWith(sequential(), w, "unexpected tensor '0.weight'");
        refusedWith(sequential("0", node("LSTM", "\"input_size\":3,\"hidden_size\":2")), w,
                "the root module (Sequential): Sequential: module 0 (LSTM) has no forward(Tensor) returning one Tensor");
        refusedWith(sequential("0", LINEAR).replace("\"config\":{}", "\"config\":{\"x\":1}"), w,
                "the root module (Sequential): unknown option 'x'");
        refusedWith(sequential("0", LINEAR, "1", sequential("0", node("Dropout", "\"p\":2")), "2", node("ReLU", "")), w,
                "module '1.0' (Dropout): dropout probability has to be between 0 and 1, but got 2");
        refusedWith(sequential("0", LINEAR, "1", sequential("0", node("Softmax", ""))), w,
                "module '1.0' has unknown module type \"Softmax\"");
    }
}
