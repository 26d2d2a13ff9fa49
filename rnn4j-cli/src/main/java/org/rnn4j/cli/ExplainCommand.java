package org.rnn4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rnn4j.cli.explain.ExplainModel;
import org.rnn4j.cli.explain.ExplainModel.Kind;
import org.rnn4j.cli.explain.InputSequence;
import org.rnn4j.cli.explain.MemoryCell;
import org.rnn4j.cli.explain.StoredWeights;
import org.rnn4j.cli.explain.Trace;
import org.rnn4j.cli.explain.TraceChart;
import org.rnn4j.cli.explain.TraceTable;
import org.rnn4j.nn.Activation;
import org.rnn4j.nn.Module;
import org.rnn4j.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code rnn4j explain elman|jordan|lstm|gru}: runs a small network on a short sequence and prints
 * every intermediate value per time step, as the tutorial works its examples by hand. The values
 * come from a plain-float step-by-step recomputation ({@link org.rnn4j.cli.explain.Tracer}) that
 * is checked against the library module's own forward pass before anything is printed.
 */
@Command(name = "explain", sortOptions = false,
        description = {"Print a recurrent network's computation step by step: for each time step the input, "
                + "each pre-activation, each gate, the cell, the hidden state and the output.",
            "With no options, 'explain elman' is the tutorial's example: 2 inputs, 2 hidden units, 2 outputs, "
                + "every weight 1, no bias, identity activations, input 1,1;1,1;2,2."})
public final class ExplainCommand implements Callable<Integer> {
    static final String DEFAULT_INPUT = "1,1;1,1;2,2";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CELL", description = "elman, jordan, lstm or gru")
    String cell;

    @Option(names = "--weights", paramLabel = "ones|random|memory-cell|FILE", defaultValue = "ones",
            description = "Every weight and bias 1 (default), PyTorch's random initialisation (see --seed), "
                    + "the tutorial's hand-set memory cell (lstm; also examples/memory-cell.safetensors), or a "
                    + ".safetensors state dict: sizes, bias and peepholes come from its shapes, activations and a "
                    + "default input from its metadata (rnn4j.activation, rnn4j.output_activation, "
                    + "rnn4j.gate_activation, rnn4j.input) unless given here.")
    String weights;

    @Option(names = "--input", paramLabel = "SEQ",
            description = "Steps separated by ';', features by ',' (default " + DEFAULT_INPUT
                    + "; for memory-cell: " + MemoryCell.SCENARIO + ").")
    String input;

    @Option(names = "--hidden", paramLabel = "N", description = "Hidden units (default 2).")
    Integer hidden;

    @Option(names = "--output", paramLabel = "N", description = "Output units, elman and jordan (default 2).")
    Integer output;

    @Option(names = "--activation", paramLabel = "F",
            description = "Hidden activation (elman/jordan, default identity) or the LSTM's g and h (default tanh): "
                    + "identity, tanh, sigmoid, relu.")
    String activation;

    @Option(names = "--output-activation", paramLabel = "F", description = "Output activation, elman and jordan "
            + "(default identity).")
    String outputActivation;

    @Option(names = "--gate-activation", paramLabel = "F", description = "LSTM gate activation (default sigmoid).")
    String gateActivation;

    @Option(names = "--peephole", description = "LSTM with peepholes (the cell state feeds the gates).")
    boolean peephole;

    @Option(names = "--bias", negatable = true, description = "Biases (default: none for elman and jordan, "
            + "on for lstm and gru, as PyTorch).")
    Boolean bias;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed for --weights random (default 0).")
    long seed;

    @Option(names = "--png", paramLabel = "FILE", description = "Also draw the gates and states over time.")
    Path png;

    @Override
    public Integer call() throws Exception {
        Kind kind = kind();
        checkApplicable(kind);
        StoredWeights stored = storedWeights();
        String text = input != null ? input
                : stored != null ? stored.metadata().getOrDefault(StoredWeights.INPUT, DEFAULT_INPUT) : DEFAULT_INPUT;
        float[][] xs = parseInput(text);
        ExplainModel.Settings settings = stored != null ? storedSettings(kind, stored) : settings(kind, xs[0].length);
        if (xs[0].length != settings.inputSize()) {
            throw usage("--input has " + xs[0].length + " values per step but the network takes "
                    + settings.inputSize());
        }
        if (weights.equals("random")) Tensor.manualSeed(seed);
        ExplainModel model = build(settings);
        if (stored != null) {
            load(model.module(), stored);
        } else if (weights.equals("ones")) {
            model.module().parameters().forEach(p -> p.fill(1f));
        } // random: PyTorch's initialisation, drawn after manualSeed(seed)
        Trace trace = model.traceChecked(xs);
        if (png != null) TraceChart.save(trace, png);
        PrintWriter out = spec.commandLine().getOut();
        out.println(model.module() + "   weights: " + weights + (weights.equals("random") ? " (seed " + seed + ")" : ""));
        if (stored != null && stored.metadata().containsKey(StoredWeights.NOTE)) {
            out.println(stored.metadata().get(StoredWeights.NOTE));
        }
        printWeights(out, model.module());
        out.println();
        out.print(TraceTable.render(trace));
        out.println();
        out.println("checked: the " + trace.outputName() + " row equals " + model.module().getClass().getSimpleName()
                + ".forward(x).output()");
        if (png != null) out.println("wrote " + png);
        out.flush();
        return 0;
    }

    private Kind kind() {
        try {
            return Kind.valueOf(cell.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw usage("unknown cell '" + cell + "': expected elman, jordan, lstm or gru");
        }
    }

    private float[][] parseInput(String text) {
        try {
            return InputSequence.parse(text);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    /** Options a cell does not have are errors, not silently ignored. */
    private void checkApplicable(Kind kind) {
        boolean net = kind == Kind.ELMAN || kind == Kind.JORDAN;
        if (!net) {
            reject(output != null, "--output", kind);
            reject(outputActivation != null, "--output-activation", kind);
        }
        if (kind != Kind.LSTM) {
            reject(gateActivation != null, "--gate-activation", kind);
            reject(peephole, "--peephole", kind);
        }
        if (kind == Kind.GRU) reject(activation != null, "--activation", kind);
    }

    private ExplainModel.Settings settings(Kind kind, int inputSize) {
        boolean net = kind == Kind.ELMAN || kind == Kind.JORDAN;
        int h = hidden == null ? 2 : positive("--hidden", hidden);
        int o = output == null ? 2 : positive("--output", output);
        Activation act = activation(activation, net ? Activation.IDENTITY : Activation.TANH, "--activation");
        Activation outAct = activation(outputActivation, Activation.IDENTITY, "--output-activation");
        Activation gate = activation(gateActivation, Activation.SIGMOID, "--gate-activation");
        boolean b = bias != null ? bias : !net;
        return new ExplainModel.Settings(kind, inputSize, h, o, act, outAct, gate, peephole, b);
    }

    /** Stored weights fix the sizes, bias and peepholes; activations may still be given. */
    private ExplainModel.Settings storedSettings(Kind kind, StoredWeights stored) {
        for (String[] o : new String[][] {{"--hidden", str(hidden)}, {"--output", str(output)},
                {"--[no-]bias", str(bias)}, {"--peephole", peephole ? "" : null}}) {
            if (o[1] != null) throw usage(o[0] + " is read from the weights; drop it with --weights " + weights);
        }
        try {
            return stored.settings(kind, activation(activation, null, "--activation"),
                    activation(outputActivation, null, "--output-activation"),
                    activation(gateActivation, null, "--gate-activation"));
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    /** null for ones and random; the preset or the file's contents otherwise. */
    private StoredWeights storedWeights() throws java.io.IOException {
        switch (weights) {
            case "ones":
            case "random":
                return null;
            case "memory-cell":
                return MemoryCell.stored();
            default:
                return WeightsFile.read(spec.commandLine(), Path.of(weights));
        }
    }

    private void load(Module m, StoredWeights stored) {
        try {
            m.loadStateDict(stored.stateDict());
        } catch (IllegalArgumentException e) {
            throw usage(stored.name() + ": " + e.getMessage());
        }
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    private ExplainModel build(ExplainModel.Settings s) {
        try {
            return ExplainModel.build(s);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    /** Prints the parameters when they are small enough to read. */
    private static void printWeights(PrintWriter out, Module m) {
        Map<String, Tensor> params = m.stateDict();
        int total = params.values().stream().mapToInt(Tensor::numel).sum();
        if (total > 120) return;
        for (Map.Entry<String, Tensor> e : params.entrySet()) {
            Tensor t = e.getValue();
            float[] v = t.toFloatArray();
            StringBuilder s = new StringBuilder();
            if (t.dim() == 2) {
                int cols = t.size(1);
                s.append('[');
                for (int r = 0; r < t.size(0); r++) {
                    if (r > 0) s.append(", ");
                    s.append(vector(Arrays.copyOfRange(v, r * cols, (r + 1) * cols)));
                }
                s.append(']');
            } else {
                s.append(vector(v));
            }
            out.println("  " + e.getKey() + " " + Arrays.toString(t.shape()) + " = " + s);
        }
    }

    private static String vector(float[] v) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) s.append(i > 0 ? ", " : "").append(TraceTable.number(v[i]));
        return s.append(']').toString();
    }

    private Activation activation(String name, Activation fallback, String option) {
        if (name == null) return fallback;
        try {
            return Activation.parse(name);
        } catch (IllegalArgumentException e) {
            throw usage(option + ": " + e.getMessage());
        }
    }

    private int positive(String option, int v) {
        if (v <= 0) throw usage(option + " must be a positive integer, got " + v);
        return v;
    }

    private void reject(boolean given, String option, Kind kind) {
        if (given) throw usage(option + " does not apply to " + kind.name().toLowerCase(Locale.ROOT));
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
