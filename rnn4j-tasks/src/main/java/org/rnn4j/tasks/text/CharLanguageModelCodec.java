package org.rnn4j.tasks.text;

import java.util.Map;
import org.rnn4j.data.CharVocabulary;
import org.rnn4j.io.ModuleCodec;
import org.rnn4j.io.ModuleConfig;
import org.rnn4j.nn.CellType;
import org.rnn4j.nn.Module;
import org.rnn4j.nn.RecurrentConfig;

/**
 * How a {@link CharLanguageModel} is described in a model file ({@code org.rnn4j.io.Models}): a
 * leaf whose config holds everything its constructor takes, the vocabulary included, so that
 * {@code Models.load(path)} rebuilds the model without the text it was trained on:
 * <pre>
 *   {"type": "CharLanguageModel", "config": {"vocabulary": [10, 32, 33, ...], "embedding_dim": 64,
 *    "cell": "LSTM", "hidden_size": 256, "num_layers": 2, "dropout": 0.0}}
 * </pre>
 * {@code vocabulary} lists the characters' Unicode code points in index order. Registered as a
 * {@link java.util.ServiceLoader} provider in {@code META-INF/services/org.rnn4j.io.ModuleCodec}.
 */
public final class CharLanguageModelCodec implements ModuleCodec<CharLanguageModel> {
    @Override
    public String type() {
        return "CharLanguageModel";
    }

    @Override
    public Class<CharLanguageModel> moduleClass() {
        return CharLanguageModel.class;
    }

    @Override
    public ModuleConfig config(CharLanguageModel m) {
        RecurrentConfig c = m.config();
        return ModuleConfig.of().with("vocabulary", m.vocabulary().codePoints()).with("embedding_dim", m.embed())
                .with("cell", c.cell()).with("hidden_size", c.hiddenSize()).with("num_layers", c.numLayers())
                .with("dropout", m.dropout());
    }

    @Override
    public CharLanguageModel build(ModuleConfig c, Map<String, Module> children) {
        return new CharLanguageModel(CharVocabulary.ofCodePoints(c.getInts("vocabulary")), c.getEnum("cell",
                CellType.class), c.getInt("embedding_dim"), c.getInt("hidden_size"), c.getInt("num_layers", 1),
                c.getDouble("dropout", 0.0));
    }
}
