package org.rnn4j.onnx.export;

import java.util.List;
import org.rnn4j.nn.Embedding;

/**
 * Exports {@code Embedding} as {@code Gather(weight, input)} on axis 0: the rows of weight
 * [num, dim] at INT64 indices of shape S give S + [dim], as {@code torch.onnx.export} writes it.
 * Alone, its graph input {@code input} is INT64 [time, batch] (both dynamic). {@code padding_idx}
 * only keeps a row from training, so the graph is the same with or without it (and does not
 * record it). ONNX's Gather also takes negative indices (from the end), which rnn4j refuses.
 */
public final class EmbeddingExporter implements UnaryExporter<Embedding> {
    @Override
    public Class<Embedding> type() {
        return Embedding.class;
    }

    @Override
    public Port input(Embedding m, ExportContext ctx) {
        return Port.indices();
    }

    @Override
    public Port output(Embedding m, Port input, ExportContext ctx) {
        return Port.features(m.embeddingDim());
    }

    @Override
    public void emit(Embedding m, ExportContext ctx, String input, String output) {
        String weight = ctx.floats("embedding_weight", m.weight().contiguous().toFloatArray(), m.numEmbeddings(), m.embeddingDim());
        ctx.node("Gather", List.of(weight, input), List.of(output));
    }
}
