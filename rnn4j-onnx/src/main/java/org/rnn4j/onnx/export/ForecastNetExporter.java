package org.rnn4j.onnx.export;

import java.util.List;
import java.util.Map;
import org.rnn4j.nn.RecurrentConfig;
import org.rnn4j.onnx.proto.DataType;
import org.rnn4j.onnx.proto.OnnxAttribute;
import org.rnn4j.onnx.proto.OnnxValueInfo;
import org.rnn4j.onnx.proto.OnnxValueInfo.Dim;
import org.rnn4j.tasks.forecast.ForecastNet;
import org.rnn4j.tasks.forecast.ForecastNetCodec;

/**
 * Exports the forecaster of {@code rnn4j forecast train} ({@code org.rnn4j.tasks.forecast.ForecastNet})
 * as its forward in eval mode, ŷ = b + W h_L + c + A z:
 * <pre>
 *   y      = stack(input)                       the encoder from zero states ({@link RecurrentExporter})
 *   h_L    = Gather(y, L - 1, axis = time)      its output at the window's last step [batch, D*hidden]
 *   z      = Gather(input, 0, axis = 2)         the window's target channel [batch, L]
 *   output = (MatMul(h_L, W^T) + c) + MatMul(z, A^T) + base     (added in the forward's order)
 * </pre>
 * Dropout between the encoder's layers acts only in training: the graph has none.
 *
 * <p>Graph inputs: {@code input} FLOAT [batch, L, C] the normalised window ([L, batch, C] with
 * {@code Onnx.options().batchFirst(false)}), {@code base} FLOAT [batch, H] the seasonal-naive
 * forecast in the same normalised units; output: {@code output} FLOAT [batch, H], the normalised
 * forecast of the H steps after the window. Batch is dynamic; the window's length is fixed at the
 * model's lookback L (A maps exactly L values to H), and C is the model's channels.
 *
 * <p>The scaling lives outside the net and so outside the graph; the caller does what
 * {@code ForecastModel.predict} and {@code WindowBatch} do, with the values the forecast model file
 * holds under its metadata key {@code forecast} ({@code rnn4j export --onnx} copies it into the
 * ONNX metadata; {@code scaling}: mode, σ, level_points, floor, feature_mean, feature_std). For the
 * window y[o-L+1 .. o] ending at origin o, level ℓ = the mean of its last level_points values
 * (floored at {@code floor} in multiplicative mode):
 * <ul>
 *   <li>input channel 0 = (y / ℓ − 1) / σ (multiplicative) or (y − ℓ) / σ (additive); channel 1 + j
 *       = (x_j − feature_mean[j]) / feature_std[j];</li>
 *   <li>base[h − 1] = the same normalisation of y[o + h − S·⌈h/S⌉] (S: the model's season);</li>
 *   <li>the forecast = ℓ · (1 + σ · output) (multiplicative) or ℓ + σ · output (additive).</li>
 * </ul>
 */
public final class ForecastNetExporter implements ModuleExporter<ForecastNet> {
    @Override
    public Class<ForecastNet> type() {
        return ForecastNet.class;
    }

    @Override
    public Signature signature(ForecastNet net, ExportContext ctx) {
        RecurrentConfig c = net.config();
        Dim b = Dim.of("batch");
        Dim l = Dim.of(net.lookback());
        Dim channels = Dim.of(c.inputSize());
        List<Dim> window = ctx.batchFirst(c.batchFirst()) ? List.of(b, l, channels) : List.of(l, b, channels);
        List<Dim> horizon = List.of(b, Dim.of(net.horizon()));
        return new Signature(List.of(new OnnxValueInfo("input", DataType.FLOAT, window),
                new OnnxValueInfo("base", DataType.FLOAT, horizon)), List.of(new OnnxValueInfo("output", DataType.FLOAT, horizon)));
    }

    /**
     * @param inputs  input, base
     * @param outputs output
     */
    @Override
    public void export(ForecastNet net, ExportContext ctx, List<String> inputs, List<String> outputs) {
        if (inputs.size() != 2 || outputs.size() != 1) {
            throw new IllegalArgumentException("ForecastNet has two inputs (input, base) and one output, got "
                    + inputs.size() + " and " + outputs.size());
        }
        boolean batchFirst = ctx.batchFirst(net.config().batchFirst());
        String x = inputs.get(0);
        String encoded = ctx.fresh("rnn_output");
        ctx.export(net.rnn().module(), List.of(x), List.of(encoded)); // the encoder's output only, from zeros
        String last = ctx.node1("Gather", "last_step", List.of(encoded, ctx.index("last_step_index", net.lookback() - 1L)),
                OnnxAttribute.ofInt("axis", batchFirst ? 1 : 0));
        String z = ctx.node1("Gather", "target_channel", List.of(x, ctx.index("target_channel_index", 0)),
                OnnxAttribute.ofInt("axis", 2));
        if (!batchFirst) z = ctx.node1("Transpose", "target_channel_batch_major", List.of(z), OnnxAttribute.ofInts("perm", 1, 0));
        String head = ctx.fresh("head_output");
        ctx.export(net.head(), List.of(last), List.of(head));
        String ar = ctx.fresh("ar_output");
        ctx.export(net.ar(), List.of(z), List.of(ar));
        String correction = ctx.node1("Add", "correction", List.of(head, ar));
        ctx.node("Add", List.of(correction, inputs.get(1)), List.of(outputs.get(0)));
    }

    /** The encoder's options, lookback and horizon ({@link ModuleDescription}): what rebuilds the net on import. */
    @Override
    public Map<String, String> metadata(ForecastNet net, ExportContext ctx) {
        return ModuleDescription.of(new ForecastNetCodec(), net);
    }
}
