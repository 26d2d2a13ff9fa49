package org.rnn4j.nn;

import org.rnn4j.internal.backend.LayerSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import org.rnn4j.tensor.Generator;
import org.rnn4j.tensor.Tensor;

/**
 * The machinery shared by {@link RNN}, {@link LSTM} and {@link GRU} (composition, not a base
 * class): parameter registration with PyTorch's names and initialisation, input validation in
 * PyTorch's words, batch_first and unbatched layouts, and the stack of layers with dropout
 * between them. Each layer runs as one fused autograd node ({@link RecurrentLayerFunction}).
 */
final class RecurrentStack {
    final RecurrentConfig config;
    final String name;
    final CellType type;
    final int inputSize;
    final int hiddenSize;
    final int numLayers;
    final boolean bias;
    final boolean batchFirst;
    final double dropout;
    final boolean bidirectional;
    final int projSize;
    final Activation act;
    final Activation gateAct;
    final boolean peephole;
    private final List<List<DirectionParams>> layers = new ArrayList<>();

    RecurrentStack(RecurrentConfig config, BiFunction<String, Tensor, Tensor> register) {
        Module.requirePositive("input_size", config.inputSize());
        Module.requirePositive("hidden_size", config.hiddenSize());
        Module.requirePositive("num_layers", config.numLayers());
        checkDropout(config.dropout());
        if (config.projSize() < 0) {
            throw new IllegalArgumentException("proj_size should be a positive integer or zero to disable projections, got "
                    + config.projSize());
        }
        if (config.projSize() >= config.hiddenSize() && config.projSize() != 0) {
            throw new IllegalArgumentException("proj_size has to be smaller than hidden_size (proj_size="
                    + config.projSize() + ", hidden_size=" + config.hiddenSize() + ")");
        }
        this.config = config;
        this.name = config.cell().name();
        this.type = config.cell();
        this.inputSize = config.inputSize();
        this.hiddenSize = config.hiddenSize();
        this.numLayers = config.numLayers();
        this.bias = config.bias();
        this.batchFirst = config.batchFirst();
        this.dropout = config.dropout();
        this.bidirectional = config.bidirectional();
        this.projSize = config.projSize();
        this.act = config.activation();
        this.gateAct = config.gateActivation();
        this.peephole = config.peephole();
        int g = type.gates * hiddenSize;
        int p = outHidden();
        int d = directions();
        double bound = 1.0 / Math.sqrt(hiddenSize);
        for (int l = 0; l < numLayers; l++) {
            List<DirectionParams> dirs = new ArrayList<>();
            int in = l == 0 ? inputSize : p * d;
            for (int dir = 0; dir < d; dir++) {
                String sfx = "_l" + l + (dir == 1 ? "_reverse" : "");
                Tensor wih = register.apply("weight_ih" + sfx, Module.uniform(bound, g, in));
                Tensor whh = register.apply("weight_hh" + sfx, Module.uniform(bound, g, p));
                Tensor bih = bias ? register.apply("bias_ih" + sfx, Module.uniform(bound, g)) : null;
                Tensor bhh = bias ? register.apply("bias_hh" + sfx, Module.uniform(bound, g)) : null;
                Tensor whr = projSize > 0 ? register.apply("weight_hr" + sfx, Module.uniform(bound, projSize, hiddenSize)) : null;
                Tensor wci = peephole ? register.apply("weight_ci" + sfx, Module.uniform(bound, hiddenSize)) : null;
                Tensor wcf = peephole ? register.apply("weight_cf" + sfx, Module.uniform(bound, hiddenSize)) : null;
                Tensor wco = peephole ? register.apply("weight_co" + sfx, Module.uniform(bound, hiddenSize)) : null;
                dirs.add(new DirectionParams(wih, whh, bih, bhh, whr, wci, wcf, wco));
            }
            layers.add(dirs);
        }
    }

    static void checkDropout(double dropout) {
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout should be a number in range [0, 1) representing the "
                    + "probability of an element being zeroed, got " + dropout);
        }
    }


    int directions() {
        return bidirectional ? 2 : 1;
    }

    int outHidden() {
        return projSize > 0 ? projSize : hiddenSize;
    }

    /**
     * Runs the stack. Returns {output, h_n} or {output, h_n, c_n} in the caller's layout.
     *
     * @param c0 only for LSTM
     */
    Tensor[] forward(Tensor x, Tensor h0, Tensor c0, boolean training) {
        if (x == null) throw new IllegalArgumentException(name + ": input must not be null");
        if (x.dim() != 2 && x.dim() != 3) {
            throw new IllegalArgumentException(name + ": Expected input to be 2D or 3D, got " + x.dim()
                    + "D tensor instead (shape " + Arrays.toString(x.shape()) + ")");
        }
        boolean batched = x.dim() == 3;
        if (type == CellType.LSTM) {
            checkStateRanks(h0, c0, batched);
        } else {
            checkStateRank(h0, batched);
        }
        if (!batched) {
            x = x.unsqueeze(1);
            if (h0 != null) h0 = h0.unsqueeze(1);
            if (c0 != null) c0 = c0.unsqueeze(1);
        } else if (batchFirst) {
            x = x.transpose(0, 1);
        }
        if (x.size(2) != inputSize) {
            throw new IllegalArgumentException("input.size(-1) must be equal to input_size. Expected " + inputSize
                    + ", got " + x.size(2));
        }
        if (x.size(0) == 0) {
            throw new IllegalArgumentException("Expected sequence length to be larger than 0 in RNN");
        }
        int d = directions();
        int batch = x.size(1);
        String which = type == CellType.LSTM ? "hidden[0] " : "hidden ";
        checkState(h0, new int[] {numLayers * d, batch, outHidden()}, which);
        checkState(c0, new int[] {numLayers * d, batch, hiddenSize}, "hidden[1] ");
        Tensor[] r = runLayers(x, null, h0, c0, training);
        Tensor output = r[0];
        Tensor hn = r[1];
        Tensor cn = r[2];
        if (!batched) {
            output = output.squeeze(1);
            hn = hn.squeeze(1);
            if (cn != null) cn = cn.squeeze(1);
        } else if (batchFirst) {
            output = output.transpose(0, 1);
        }
        return cn == null ? new Tensor[] {output, hn} : new Tensor[] {output, hn, cn};
    }

    /**
     * Runs the stack on a packed batch (batch_first does not apply: the data is packed). Returns
     * {output data [N, D*P], h_n, c_n (LSTM, else null)}, the states in the caller's batch order.
     *
     * @param h0 [L*D, B, P] in the caller's batch order, or null; c0 likewise (LSTM)
     */
    Tensor[] forward(PackedSequence x, Tensor h0, Tensor c0, boolean training) {
        if (x == null) throw new IllegalArgumentException(name + ": input must not be null");
        Tensor data = x.data();
        if (data.dim() != 2) {
            throw new IllegalArgumentException(name + ": input must have 2 dimensions, got " + data.dim()
                    + " (packed data of shape " + Arrays.toString(data.shape()) + ")");
        }
        if (data.size(1) != inputSize) {
            throw new IllegalArgumentException("input.size(-1) must be equal to input_size. Expected " + inputSize
                    + ", got " + data.size(1));
        }
        if (type == CellType.LSTM) {
            checkStateRanks(h0, c0, true);
        } else {
            checkStateRank(h0, true);
        }
        int batch = x.batchSize();
        int rows = numLayers * directions();
        String which = type == CellType.LSTM ? "hidden[0] " : "hidden ";
        checkState(h0, new int[] {rows, batch, outHidden()}, which);
        checkState(c0, new int[] {rows, batch, hiddenSize}, "hidden[1] ");
        // The kernels run the sequences sorted by length: the states go in sorted, come out unsorted.
        int[] sorted = x.sortedIndicesView();
        int[] unsorted = x.unsortedIndicesView();
        Tensor[] r = runLayers(data, x.batchSizesView(), permute(h0, sorted), permute(c0, sorted), training);
        return new Tensor[] {r[0], permute(r[1], unsorted), permute(r[2], unsorted)};
    }

    /** s[:, permutation[i]] as column i (PyTorch's permute_hidden); s itself when either is null. */
    private static Tensor permute(Tensor s, int[] permutation) {
        if (s == null || permutation == null) return s;
        int rows = s.size(0), batch = s.size(1), width = s.size(2);
        int[] index = new int[rows * batch];
        for (int l = 0; l < rows; l++) {
            for (int i = 0; i < batch; i++) index[l * batch + i] = l * batch + permutation[i];
        }
        return RowGather.gather(s, width, index, 0f, s.shape(), "IndexSelectBackward0");
    }

    /**
     * The layers, each one fused node, dropout between them in training. x: [T, B, I] time-major,
     * or packed data [N, I] with its batchSizes; h0/c0 [L*D, B, *] or null. Returns {output, h_n,
     * c_n or null}.
     */
    private Tensor[] runLayers(Tensor x, int[] batchSizes, Tensor h0, Tensor c0, boolean training) {
        int d = directions();
        Tensor input = x;
        Tensor below = null; // the layer below's output as it returned it
        List<Tensor> hs = new ArrayList<>();
        List<Tensor> cs = new ArrayList<>();
        for (int l = 0; l < numLayers; l++) {
            LayerSpec spec = new LayerSpec(type, hiddenSize, outHidden(), d, act, gateAct, peephole);
            Tensor h0l = h0 == null ? null : h0.narrow(0, l * d, d);
            Tensor c0l = c0 == null ? null : c0.narrow(0, l * d, d);
            // An inner output read straight by layer l (no dropout between) is layer l's alone to release.
            Tensor[] r = RecurrentLayerFunction.apply(spec, input, batchSizes, h0l, c0l, layers.get(l),
                    l > 0 && input == below);
            input = r[0];
            below = r[0];
            hs.add(r[1]);
            if (r.length > 2) cs.add(r[2]);
            if (training && dropout > 0 && l < numLayers - 1) input = dropout(input, dropout);
        }
        Tensor hn = hs.size() == 1 ? hs.get(0) : Tensor.cat(hs, 0);
        Tensor cn = cs.isEmpty() ? null : cs.size() == 1 ? cs.get(0) : Tensor.cat(cs, 0);
        return new Tensor[] {input, hn, cn};
    }

    private static void checkStateRank(Tensor s, boolean batched) {
        if (s == null) return;
        int want = batched ? 3 : 2;
        if (s.dim() != want) {
            throw new IllegalArgumentException("For " + (batched ? "batched 3-D" : "unbatched 2-D")
                    + " input, hx should also be " + want + "-D but got " + s.dim() + "-D tensor");
        }
    }

    /** PyTorch's LSTM check of (h0, c0) together; a null state counts as well-formed. */
    private static void checkStateRanks(Tensor h0, Tensor c0, boolean batched) {
        int want = batched ? 3 : 2;
        int hd = h0 == null ? want : h0.dim();
        int cd = c0 == null ? want : c0.dim();
        if (hd != want || cd != want) {
            throw new IllegalArgumentException("For " + (batched ? "batched 3-D" : "unbatched 2-D")
                    + " input, hx and cx should also be " + want + "-D but got (" + hd + "-D, " + cd + "-D) tensors");
        }
    }

    private static void checkState(Tensor s, int[] expected, String which) {
        if (s != null && !Arrays.equals(s.shape(), expected)) {
            throw new IllegalArgumentException("Expected " + which + "size (" + expected[0] + ", " + expected[1]
                    + ", " + expected[2] + "), got " + Arrays.toString(s.shape()));
        }
    }

    /** Inverted dropout between layers: {@link Dropout}'s function on the default generator. */
    static Tensor dropout(Tensor x, double p) {
        return Dropout.apply(x, p, Generator.defaultGenerator());
    }

    /** PyTorch's RNNBase.extra_repr (which omits nonlinearity), plus the LSTM extensions when not default. */
    String extraRepr() {
        StringBuilder s = new StringBuilder().append(inputSize).append(", ").append(hiddenSize);
        if (projSize != 0) s.append(", proj_size=").append(projSize);
        if (numLayers != 1) s.append(", num_layers=").append(numLayers);
        if (!bias) s.append(", bias=False");
        if (batchFirst) s.append(", batch_first=True");
        if (dropout != 0) s.append(", dropout=").append(dropout);
        if (bidirectional) s.append(", bidirectional=True");
        if (type == CellType.LSTM) {
            if (act != Activation.TANH) s.append(", activation=").append(act.pytorchName());
            if (gateAct != Activation.SIGMOID) s.append(", gate_activation=").append(gateAct.pytorchName());
            if (peephole) s.append(", peephole=True");
        }
        return s.toString();
    }
}
