package org.rnn4j.onnx.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rnn4j.nn.CellType;
import org.rnn4j.nn.RecurrentConfig;
import org.rnn4j.onnx.proto.DataType;
import org.rnn4j.onnx.proto.OnnxValueInfo;
import org.rnn4j.onnx.proto.OnnxValueInfo.Dim;
import org.rnn4j.tasks.text.CharLanguageModel;
import org.rnn4j.tasks.text.CharLanguageModelCodec;

/**
 * Exports the character language model of {@code rnn4j text train}
 * ({@code org.rnn4j.tasks.text.CharLanguageModel}) as its forward in eval mode:
 * <pre>
 *   e      = Gather(E, input)                    E [V, embed]: the Embedding
 *   y, s_n = stack(e, s_0)                       L ONNX RNN/LSTM/GRU layers ({@link RecurrentExporter})
 *   output = MatMul(y, W^T) + b                  W [V, hidden], b [V]: the head ({@link LinearExporter})
 * </pre>
 * Dropout (between the layers and before the head) acts only in training: the graph has none.
 *
 * <p>Graph inputs: {@code input} INT64 [batch, time] character indices, {@code h0} FLOAT
 * [L, batch, hidden] the initial state (and {@code c0} for LSTM); outputs: {@code output} FLOAT
 * [batch, time, V] the logits of the next character after each position, {@code h_n} (and
 * {@code c_n}) [L, batch, hidden] the state after the last position. With
 * {@code Onnx.options().batchFirst(false)}: {@code input} [time, batch], {@code output}
 * [time, batch, V]. Batch and time are dynamic.
 *
 * <p>What the caller does outside the graph, as {@code rnn4j text sample} does: map characters to
 * indices with the model's vocabulary (the metadata's {@value ModuleDescription#CONFIG}
 * {@code "vocabulary"}: Unicode code points in index order); start from zeros for {@code h0}
 * ({@code c0}), which is the model's own default, and feed {@code h_n} ({@code c_n}) back to
 * continue a text; turn logits into probabilities (softmax, with the temperature, if any).
 */
public final class CharLanguageModelExporter implements ModuleExporter<CharLanguageModel> {
    @Override
    public Class<CharLanguageModel> type() {
        return CharLanguageModel.class;
    }

    @Override
    public Signature signature(CharLanguageModel m, ExportContext ctx) {
        RecurrentConfig c = m.config();
        Dim b = Dim.of("batch");
        List<Dim> lead = ctx.batchFirst(c.batchFirst()) ? List.of(b, Dim.of("time")) : List.of(Dim.of("time"), b);
        List<Dim> logits = new ArrayList<>(lead);
        logits.add(Dim.of(m.vocabulary().size()));
        List<Dim> state = List.of(Dim.of((long) c.numLayers() * c.directions()), b, Dim.of(c.hiddenSize()));
        List<OnnxValueInfo> in = new ArrayList<>(List.of(new OnnxValueInfo("input", DataType.INT64, lead),
                new OnnxValueInfo("h0", DataType.FLOAT, state)));
        List<OnnxValueInfo> out = new ArrayList<>(List.of(new OnnxValueInfo("output", DataType.FLOAT, logits),
                new OnnxValueInfo("h_n", DataType.FLOAT, state)));
        if (c.cell() == CellType.LSTM) {
            in.add(new OnnxValueInfo("c0", DataType.FLOAT, state));
            out.add(new OnnxValueInfo("c_n", DataType.FLOAT, state));
        }
        return new Signature(in, out);
    }

    /**
     * @param inputs  input, h0 (and c0); a state left out or empty starts from zeros
     * @param outputs output, h_n (and c_n); a state left out or empty is not computed
     */
    @Override
    public void export(CharLanguageModel m, ExportContext ctx, List<String> inputs, List<String> outputs) {
        String embedded = ctx.fresh("embedded");
        ctx.export(m.embedding(), List.of(inputs.get(0)), List.of(embedded));
        String hidden = ctx.fresh("rnn_output");
        List<String> rnnIn = new ArrayList<>(List.of(embedded));
        rnnIn.addAll(inputs.subList(1, inputs.size()));
        List<String> rnnOut = new ArrayList<>(List.of(hidden));
        rnnOut.addAll(outputs.subList(1, outputs.size()));
        ctx.export(m.rnn().module(), rnnIn, rnnOut);
        ctx.export(m.head(), List.of(hidden), List.of(outputs.get(0)));
    }

    /** The vocabulary and sizes ({@link ModuleDescription}): what rebuilds the model on import. */
    @Override
    public Map<String, String> metadata(CharLanguageModel m, ExportContext ctx) {
        return ModuleDescription.of(new CharLanguageModelCodec(), m);
    }
}
