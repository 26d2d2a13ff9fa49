package org.rnn4j.onnx.imports;

import org.rnn4j.nn.Activation;
import org.rnn4j.onnx.rnn.OnnxCell;

/** A module-sized part of the graph that the importer recognised, in data-flow order. */
sealed interface Piece {
    /** The label of the data axis this piece reads its features from. */
    String inputLabel();

    /** The feature labels a consumer of this piece's output may see (after layout glue). */
    boolean produces(String label);

    /**
     * One recurrent layer (one ONNX RNN/LSTM/GRU node): weights per direction in PyTorch's layout
     * and gate order ({@code wih[dir]} [G*H, I], {@code whh[dir]} [G*H, H], biases null without
     * bias, {@code peep[dir]} = {ci, cf, co} or null); {@code h0}/{@code c0}: the initial-state
     * operand (an {@link Value.Input} slice, or null for zeros).
     */
    record RecurrentLayer(int index, OnnxCell cell, int directions, int hidden, int inputSize, float[][] wih,
                          float[][] whh, float[][] bih, float[][] bhh, float[][][] peep, Activation activation,
                          Activation gateActivation, Value.Input h0, Value.Input c0, String inputLabel,
                          String timeLabel, String batchLabel) implements Piece {
        String dirLabel() {
            return "dir" + index;
        }

        String hidLabel() {
            return "hid" + index;
        }

        @Override
        public boolean produces(String label) {
            return label.equals(dirLabel() + "*" + hidLabel()) || directions == 1 && label.equals(hidLabel());
        }
    }

    /** A Linear: {@code weight} [out, in] as PyTorch holds it, {@code bias} [out] or null. */
    record LinearPiece(int index, int in, int out, float[] weight, float[] bias, String inputLabel) implements Piece {
        String label() {
            return "lin" + index;
        }

        @Override
        public boolean produces(String label) {
            return label.equals(label());
        }

        LinearPiece withBias(float[] b) {
            return new LinearPiece(index, in, out, weight, b, inputLabel);
        }
    }

    /** What an Embedding reads: the graph's INT64 indices (which have no feature axis). */
    String INDICES = "indices";

    /** An Embedding: {@code weight} [num, dim] (a Gather on axis 0 of the indices). */
    record EmbeddingPiece(int index, int num, int dim, float[] weight) implements Piece {
        @Override
        public String inputLabel() {
            return INDICES;
        }

        String label() {
            return "emb" + index;
        }

        @Override
        public boolean produces(String label) {
            return label.equals(label());
        }
    }

    /** Tanh, ReLU or Sigmoid, by its ONNX op ({@code Tanh}, {@code Relu}, {@code Sigmoid}). */
    record ActivationPiece(int index, String op, String inputLabel) implements Piece {
        String label() {
            return "act" + index;
        }

        @Override
        public boolean produces(String label) {
            return label.equals(label());
        }
    }

    /**
     * A LayerNorm over the last axis of {@code size} features (-1 while only the weight can tell),
     * {@code eps} as the graph holds it; {@code weight} and {@code bias} [size] or null.
     */
    record NormPiece(int index, long size, float eps, float[] weight, float[] bias, String inputLabel) implements Piece {
        String label() {
            return "norm" + index;
        }

        @Override
        public boolean produces(String label) {
            return label.equals(label());
        }

        NormPiece withWeight(float[] w) {
            return new NormPiece(index, w.length, eps, w, bias, inputLabel);
        }

        NormPiece withBias(float[] b) {
            return new NormPiece(index, b.length, eps, weight, b, inputLabel);
        }
    }
}
