package org.rnn4j.io;

import java.util.Map;
import org.rnn4j.nn.Embedding;
import org.rnn4j.nn.Module;

/**
 * {@link Embedding}: {@code num_embeddings}, {@code embedding_dim}, {@code padding_idx} (only when
 * there is one, as PyTorch stores it: normalised to [0, num_embeddings)) and {@code freeze}
 * ({@code from_pretrained}'s argument: the weight does not require grad).
 */
final class EmbeddingCodec implements ModuleCodec<Embedding> {
    @Override
    public String type() {
        return "Embedding";
    }

    @Override
    public Class<Embedding> moduleClass() {
        return Embedding.class;
    }

    @Override
    public ModuleConfig config(Embedding m) {
        ModuleConfig c = ModuleConfig.of().with("num_embeddings", m.numEmbeddings())
                .with("embedding_dim", m.embeddingDim());
        if (m.paddingIdx().isPresent()) c = c.with("padding_idx", m.paddingIdx().getAsInt());
        return c.with("freeze", m.frozen());
    }

    @Override
    public Embedding build(ModuleConfig c, Map<String, Module> children) {
        int num = c.getInt("num_embeddings");
        Embedding.Options o = Embedding.options();
        if (c.has("padding_idx")) {
            int p = c.getInt("padding_idx");
            // the constructor would take -1 as the last row but store num - 1: say so, not "was not honoured"
            if (p < 0) {
                throw new IllegalArgumentException("option 'padding_idx' must be stored normalised, in [0, "
                        + num + ") (num_embeddings=" + num + "), got " + p);
            }
            o = o.paddingIdx(p);
        }
        Embedding e = new Embedding(num, c.getInt("embedding_dim"), o);
        if (c.getBoolean("freeze", false)) e.weight().requiresGrad(false);
        return e;
    }
}
