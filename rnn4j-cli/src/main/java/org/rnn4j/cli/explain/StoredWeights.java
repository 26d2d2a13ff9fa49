package org.rnn4j.cli.explain;

import java.util.Arrays;
import java.util.Map;
import org.rnn4j.nn.Activation;
import org.rnn4j.tensor.Tensor;

/**
 * Weights that come with their network: a state dict (from a safetensors file or a built-in
 * preset) plus string metadata. The sizes, bias and peepholes are read from the tensors' names
 * and shapes; what shapes cannot tell comes from the metadata keys
 * <ul>
 *   <li>{@code rnn4j.cell}: elman, jordan, lstm or gru (checked against the command's cell)</li>
 *   <li>{@code rnn4j.activation}, {@code rnn4j.output_activation}, {@code rnn4j.gate_activation}</li>
 *   <li>{@code rnn4j.input}: a default input sequence, {@code rnn4j.note}: a line to print</li>
 * </ul>
 */
public record StoredWeights(String name, Map<String, Tensor> stateDict, Map<String, String> metadata) {
    public static final String CELL = "rnn4j.cell";
    public static final String ACTIVATION = "rnn4j.activation";
    public static final String OUTPUT_ACTIVATION = "rnn4j.output_activation";
    public static final String GATE_ACTIVATION = "rnn4j.gate_activation";
    public static final String INPUT = "rnn4j.input";
    public static final String NOTE = "rnn4j.note";

    public StoredWeights {
        stateDict = Map.copyOf(stateDict);
        metadata = Map.copyOf(metadata);
    }

    /**
     * The network these weights fit. Activations given on the command line (non-null arguments)
     * win over the metadata, which wins over the cell's defaults.
     */
    public ExplainModel.Settings settings(ExplainModel.Kind kind, Activation act, Activation outAct, Activation gate) {
        String cell = metadata.get(CELL);
        if (cell != null && !cell.equalsIgnoreCase(kind.name())) {
            throw new IllegalArgumentException(name + " holds " + cell + " weights, not " + lower(kind));
        }
        boolean net = kind == ExplainModel.Kind.ELMAN || kind == ExplainModel.Kind.JORDAN;
        int[] wih = shape(net ? "weight_ih" : "weight_ih_l0", kind);
        int gates = kind == ExplainModel.Kind.LSTM ? 4 : kind == ExplainModel.Kind.GRU ? 3 : 1;
        if (wih.length != 2 || wih[0] % gates != 0) {
            throw new IllegalArgumentException(name + ": " + (net ? "weight_ih" : "weight_ih_l0") + " has shape "
                    + Arrays.toString(wih) + ", expected [" + (gates > 1 ? gates + "*" : "") + "hidden, input]");
        }
        int hidden = wih[0] / gates;
        int output = net ? shape("weight_ho", kind)[0] : 0;
        boolean bias = stateDict.containsKey(net ? "bias_h" : "bias_ih_l0");
        boolean peephole = stateDict.containsKey("weight_ci_l0");
        return new ExplainModel.Settings(kind, wih[1], hidden, output,
                pick(act, ACTIVATION, net ? Activation.IDENTITY : Activation.TANH),
                pick(outAct, OUTPUT_ACTIVATION, Activation.IDENTITY),
                pick(gate, GATE_ACTIVATION, Activation.SIGMOID), peephole, bias);
    }

    private int[] shape(String key, ExplainModel.Kind kind) {
        Tensor t = stateDict.get(key);
        if (t == null) {
            throw new IllegalArgumentException(name + " has no '" + key + "', so it is not a single-layer "
                    + lower(kind) + " state dict (it has " + stateDict.keySet().stream().sorted().toList() + ")");
        }
        return t.shape();
    }

    private Activation pick(Activation given, String key, Activation fallback) {
        if (given != null) return given;
        String stored = metadata.get(key);
        if (stored == null) return fallback;
        try {
            return Activation.parse(stored);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": metadata " + key + ": " + e.getMessage());
        }
    }

    private static String lower(ExplainModel.Kind kind) {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
