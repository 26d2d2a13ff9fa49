package org.rnn4j.onnx.imports;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rnn4j.nn.Embedding;
import org.rnn4j.nn.LayerNorm;
import org.rnn4j.nn.Linear;
import org.rnn4j.nn.Module;
import org.rnn4j.nn.ReLU;
import org.rnn4j.nn.Sigmoid;
import org.rnn4j.nn.Tanh;
import org.rnn4j.onnx.imports.Piece.ActivationPiece;
import org.rnn4j.onnx.imports.Piece.EmbeddingPiece;
import org.rnn4j.onnx.imports.Piece.LinearPiece;
import org.rnn4j.onnx.imports.Piece.NormPiece;
import org.rnn4j.tensor.Tensor;

/** Builds the rnn4j module of one non-recurrent piece, with the graph's weights. */
final class ChainModules {
    private ChainModules() {}

    static Module of(Piece p) {
        if (p instanceof LinearPiece lin) return linear(lin);
        if (p instanceof EmbeddingPiece e) {
            // padding_idx leaves no trace in the graph (it only keeps a row from training): none
            return Embedding.fromPretrained(Tensor.of(e.weight(), e.num(), e.dim()), false);
        }
        if (p instanceof NormPiece n) return layerNorm(n);
        if (p instanceof ActivationPiece a) {
            return switch (a.op()) {
                case "Tanh" -> new Tanh();
                case "Relu" -> new ReLU();
                case "Sigmoid" -> new Sigmoid();
                default -> throw new IllegalStateException("activation op " + a.op());
            };
        }
        throw new IllegalStateException("no module for " + p.getClass().getSimpleName());
    }

    /** How messages name a piece's module. */
    static String name(Piece p) {
        if (p instanceof Piece.RecurrentLayer r) return r.cell().op();
        if (p instanceof ActivationPiece a) return a.op().equals("Relu") ? "ReLU" : a.op();
        if (p instanceof NormPiece) return "LayerNorm";
        if (p instanceof EmbeddingPiece) return "Embedding";
        return "Linear";
    }

    private static Linear linear(LinearPiece lin) {
        Linear m = new Linear(lin.in(), lin.out(), lin.bias() != null);
        Map<String, Tensor> sd = new LinkedHashMap<>();
        sd.put("weight", Tensor.of(lin.weight(), lin.out(), lin.in()));
        if (lin.bias() != null) sd.put("bias", Tensor.of(lin.bias(), lin.out()));
        m.loadStateDict(sd);
        return m;
    }

    /**
     * ε comes as a float32; its shortest decimal (1e-5f gives 1e-5, not 9.99999974737875e-6) is the
     * ε that was exported, whenever that ε was a float32 value.
     */
    private static LayerNorm layerNorm(NormPiece n) {
        if (n.size() < 0) {
            throw new IllegalArgumentException("cannot import a LayerNorm whose input's last axis has no fixed size and"
                    + " which has no weight to tell it (normalized_shape unknown)");
        }
        int size = (int) n.size();
        boolean affine = n.weight() != null || n.bias() != null;
        double eps = Double.parseDouble(Float.toString(n.eps()));
        LayerNorm m = new LayerNorm(size, LayerNorm.options().eps(eps).elementwiseAffine(affine).bias(n.bias() != null));
        if (affine) {
            float[] w = n.weight();
            if (w == null) { // Add(β) without Mul(γ): γ = 1
                w = new float[size];
                Arrays.fill(w, 1f);
            }
            Map<String, Tensor> sd = new LinkedHashMap<>();
            sd.put("weight", Tensor.of(w, size));
            if (n.bias() != null) sd.put("bias", Tensor.of(n.bias(), size));
            m.loadStateDict(sd);
        }
        return m;
    }
}
