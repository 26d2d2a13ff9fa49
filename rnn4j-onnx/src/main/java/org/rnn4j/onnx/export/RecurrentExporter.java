package org.rnn4j.onnx.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rnn4j.nn.Activation;
import org.rnn4j.nn.CellType;
import org.rnn4j.nn.Module;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.nn.RecurrentConfig;
import org.rnn4j.onnx.proto.DataType;
import org.rnn4j.onnx.proto.OnnxAttribute;
import org.rnn4j.onnx.proto.OnnxValueInfo;
import org.rnn4j.onnx.proto.OnnxValueInfo.Dim;
import org.rnn4j.onnx.rnn.OnnxCell;
import org.rnn4j.tensor.Tensor;

/**
 * Exports {@code RNN}, {@code LSTM} and {@code GRU} as one ONNX {@code RNN}/{@code LSTM}/{@code GRU}
 * node per layer (the op computes one layer, both directions), with the gate blocks reordered as
 * {@link OnnxCell} describes and GRU's {@code linear_before_reset = 1}.
 *
 * <p>Layouts: the ONNX ops read X as [T, B, I] and write Y as [T, D, B, H] and Y_h, Y_c as
 * [D, B, H]. PyTorch's {@code output} is [T, B, D*H] (or [B, T, D*H] with batch_first), so each
 * layer's Y goes through {@code Transpose(perm=[0, 2, 1, 3])} (or [2, 0, 1, 3] for the last layer
 * with batch_first) and {@code Reshape([0, 0, -1])}, which joins each step's forward and reverse
 * halves as PyTorch does; a batch-first input is transposed to [T, B, I] first. PyTorch's
 * {@code h_n} [L*D, B, H] is the layers' Y_h concatenated on axis 0 (layer-major, then direction),
 * and layer k reads its initial state as rows [k*D, (k+1)*D) of {@code h0} ({@code Slice}).
 *
 * <p>What ONNX cannot express is refused, naming the option: {@code proj_size} (no projection in
 * ONNX's LSTM). Peepholes go to the LSTM op's {@code P} input (i, o, f); rnn4j's activations map
 * to ONNX's {@code activations} attribute (identity as {@code Affine} with alpha 1, beta 0).
 * Dropout between layers acts only in training, so the exported graph is the eval-mode model.
 */
public final class RecurrentExporter<M extends Module & Recurrent> implements ModuleExporter<M> {
    private final Class<M> type;

    public RecurrentExporter(Class<M> type) {
        this.type = type;
    }

    @Override
    public Class<M> type() {
        return type;
    }

    @Override
    public Signature signature(M module, ExportContext ctx) {
        RecurrentConfig c = module.config();
        boolean bf = ctx.batchFirst(c.batchFirst());
        Dim t = Dim.of("time");
        Dim b = Dim.of("batch");
        List<Dim> in = bf ? List.of(b, t, Dim.of(c.inputSize())) : List.of(t, b, Dim.of(c.inputSize()));
        List<Dim> out = bf ? List.of(b, t, Dim.of(c.outputSize())) : List.of(t, b, Dim.of(c.outputSize()));
        List<Dim> state = List.of(Dim.of((long) c.numLayers() * c.directions()), b, Dim.of(c.hiddenSize()));
        List<OnnxValueInfo> inputs = new ArrayList<>(List.of(value("input", in), value("h0", state)));
        List<OnnxValueInfo> outputs = new ArrayList<>(List.of(value("output", out), value("h_n", state)));
        if (c.cell() == CellType.LSTM) {
            inputs.add(value("c0", state));
            outputs.add(value("c_n", state));
        }
        return new Signature(inputs, outputs);
    }

    private static OnnxValueInfo value(String name, List<Dim> dims) {
        return new OnnxValueInfo(name, DataType.FLOAT, dims);
    }

    /**
     * Used by a container (a composite model) as {@code ctx.export(module, List.of(x), List.of(y))},
     * the recurrent module gives its {@code output} only and starts from zero states: the contract
     * for a recurrent step inside a chain.
     *
     * @param inputs  input, h0 (and c0 for LSTM); an absent or empty state name means zeros
     * @param outputs output, h_n (and c_n); an absent or empty name means "not needed"
     */
    @Override
    public void export(M module, ExportContext ctx, List<String> inputs, List<String> outputs) {
        RecurrentConfig c = module.config();
        String kind = type.getSimpleName();
        if (c.projSize() > 0) {
            throw new IllegalArgumentException("ONNX export: " + kind + " with proj_size=" + c.projSize()
                    + " cannot be expressed: ONNX's LSTM op has no projection (proj_size must be 0)");
        }
        OnnxCell cell = OnnxCell.of(c.cell());
        boolean bf = ctx.batchFirst(c.batchFirst());
        boolean lstm = c.cell() == CellType.LSTM;
        int layers = c.numLayers();
        int d = c.directions();
        Map<String, Tensor> params = module.namedParameters();
        String x = inputs.get(0);
        if (bf) x = ctx.node1("Transpose", "input_time_major", List.of(x), OnnxAttribute.ofInts("perm", 1, 0, 2));
        String h0 = inputs.size() > 1 ? inputs.get(1) : "";
        String c0 = lstm && inputs.size() > 2 ? inputs.get(2) : "";
        List<String> hs = new ArrayList<>();
        List<String> cs = new ArrayList<>();
        for (int k = 0; k < layers; k++) {
            LayerWeights w = LayerWeights.of(cell, c, params, k);
            List<String> in = new ArrayList<>(List.of(x,
                    ctx.floats("W_l" + k, w.w(), d, (long) c.cell().gates() * c.hiddenSize(), w.inputSize()),
                    ctx.floats("R_l" + k, w.r(), d, (long) c.cell().gates() * c.hiddenSize(), c.hiddenSize()),
                    w.b() == null ? "" : ctx.floats("B_l" + k, w.b(), d, 2L * c.cell().gates() * c.hiddenSize()),
                    "",
                    layerState(ctx, h0, "h0", k, d, layers),
                    layerState(ctx, c0, "c0", k, d, layers),
                    w.p() == null ? "" : ctx.floats("P_l" + k, w.p(), d, 3L * c.hiddenSize())));
            if (!lstm) in = in.subList(0, 6);
            while (in.get(in.size() - 1).isEmpty()) in.remove(in.size() - 1);
            String y = ctx.fresh("Y_l" + k);
            String yh = layers == 1 && outputs.size() > 1 && !outputs.get(1).isEmpty() ? outputs.get(1) : ctx.fresh("Y_h_l" + k);
            String yc = layers == 1 && outputs.size() > 2 && !outputs.get(2).isEmpty() ? outputs.get(2) : ctx.fresh("Y_c_l" + k);
            ctx.node(cell.op(), in, lstm ? List.of(y, yh, yc) : List.of(y, yh), attributes(cell, c));
            hs.add(yh);
            cs.add(yc);
            boolean last = k == layers - 1;
            // [T, D, B, H] -> [T, B, D, H] (or [B, T, D, H]) -> [T, B, D*H]: PyTorch's output layout
            String moved = ctx.node1("Transpose", "Y_moved_l" + k, List.of(y),
                    OnnxAttribute.ofInts("perm", last && bf ? new long[] {2, 0, 1, 3} : new long[] {0, 2, 1, 3}));
            String shape = ctx.longs("shape_keep2_l" + k, 0, 0, -1);
            List<String> out = List.of(last ? outputs.get(0) : ctx.fresh("output_l" + k));
            x = ctx.node("Reshape", List.of(moved, shape), out);
        }
        if (layers > 1) {
            if (outputs.size() > 1 && !outputs.get(1).isEmpty()) {
                ctx.node("Concat", hs, List.of(outputs.get(1)), OnnxAttribute.ofInt("axis", 0));
            }
            if (lstm && outputs.size() > 2 && !outputs.get(2).isEmpty()) {
                ctx.node("Concat", cs, List.of(outputs.get(2)), OnnxAttribute.ofInt("axis", 0));
            }
        }
    }

    /** Layer k's rows [k*D, (k+1)*D) of a state input [L*D, B, H], or "" when the state is zeros. */
    private static String layerState(ExportContext ctx, String state, String base, int k, int d, int layers) {
        if (state.isEmpty() || layers == 1) return state;
        return ctx.node1("Slice", base + "_l" + k, List.of(state, ctx.longs(base + "_start_l" + k, (long) k * d),
                ctx.longs(base + "_end_l" + k, (long) (k + 1) * d), ctx.longs(base + "_axes_l" + k, 0)));
    }

    private static OnnxAttribute[] attributes(OnnxCell cell, RecurrentConfig c) {
        List<OnnxAttribute> a = new ArrayList<>();
        a.add(OnnxAttribute.ofInt("hidden_size", c.hiddenSize()));
        if (c.bidirectional()) a.add(OnnxAttribute.ofString("direction", "bidirectional"));
        List<String> acts = switch (c.cell()) {
            case RNN -> List.of(OnnxCell.onnxName(c.activation()));
            case LSTM -> List.of(OnnxCell.onnxName(c.gateActivation()), OnnxCell.onnxName(c.activation()),
                    OnnxCell.onnxName(c.activation()));
            case GRU -> cell.defaultActivations();
        };
        if (!acts.equals(cell.defaultActivations())) {
            List<String> all = new ArrayList<>();
            for (int i = 0; i < c.directions(); i++) all.addAll(acts);
            a.add(OnnxAttribute.ofStrings("activations", all));
            // Affine (our identity) consumes one alpha and one beta, in the order of the activations
            int affine = (int) all.stream().filter(n -> n.equals("Affine")).count();
            if (affine > 0) {
                float[] alpha = new float[affine];
                java.util.Arrays.fill(alpha, 1f);
                a.add(OnnxAttribute.ofFloats("activation_alpha", alpha));
                a.add(OnnxAttribute.ofFloats("activation_beta", new float[affine]));
            }
        }
        if (c.cell() == CellType.GRU) a.add(OnnxAttribute.ofInt("linear_before_reset", 1));
        return a.toArray(new OnnxAttribute[0]);
    }
}
