package org.rnn4j.onnx.imports;

import java.util.List;
import org.rnn4j.onnx.proto.OnnxTensor;

/**
 * What the importer knows about a value of the graph: it interprets the graph over these abstract
 * values instead of numbers, so that every node is either understood or refused.
 */
sealed interface Value {
    /** A tensor known in full (an initializer, a Constant, or folded from them). */
    record Const(OnnxTensor tensor) implements Value {}

    /**
     * A 1-D int64 vector (a shape, or part of one) whose entries are numbers ({@code Long}) or the
     * symbolic size of an axis ({@code String}: the axis label); {@code scalar}: rank 0.
     */
    record Dims(List<Object> entries, boolean scalar) implements Value {}

    /** A tensor whose every element is {@code value} (ConstantOfShape and what reshapes it). */
    record Filled(float value) implements Value {}

    /** One axis of a data tensor: a label and its size (-1 when dynamic: time and batch). */
    record Axis(String label, long size) {}

    /**
     * The data flowing through the model (the graph's input and what the modules make of it);
     * {@code indices}: INT64 indices (an Embedding's input), whose axes are all lead axes.
     */
    record Seq(List<Axis> axes, boolean indices) implements Value {
        public Seq {
            axes = List.copyOf(axes);
        }

        /** Float data. */
        Seq(List<Axis> axes) {
            this(axes, false);
        }

        /** The same kind of data with other axes (layout ops). */
        Seq withAxes(List<Axis> a) {
            return new Seq(a, indices);
        }

        Axis last() {
            return axes.get(axes.size() - 1);
        }
    }

    /** The stages of a layer norm spelled out in ops (PyTorch's export before opset 17), in order. */
    enum Stage { MEAN, CENTERED, SQUARED, VARIANCE, SHIFTED, STD }

    /**
     * A partial layer norm of the data {@code of} over its last axis: its mean, x - mean, that
     * squared, the variance, the variance + {@code eps}, and the square root of that.
     */
    record Norm(Stage stage, Seq of, float eps) implements Value {}

    /** Rows [from, to) on axis 0 of a graph input that is not the data (an initial state); to -1: all. */
    record Input(String name, long from, long to) implements Value {}

    /** Output {@code output} (1: Y_h, 2: Y_c) of the recurrent layers {@code layers}, concatenated on axis 0. */
    record StateOut(int output, List<Integer> layers) implements Value {
        public StateOut {
            layers = List.copyOf(layers);
        }
    }
}
