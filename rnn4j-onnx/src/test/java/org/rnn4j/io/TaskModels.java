package org.rnn4j.io;

import org.rnn4j.data.CharVocabulary;
import org.rnn4j.nn.CellType;
import org.rnn4j.nn.Module;
import org.rnn4j.nn.RecurrentConfig;
import org.rnn4j.tasks.forecast.ForecastNet;
import org.rnn4j.tasks.text.CharLanguageModel;
import org.rnn4j.tensor.Tensor;

/** Small forecast and text models for the export tests, with every weight drawn at random. */
final class TaskModels {
    /** The text model's characters: V = 12. */
    static final CharVocabulary VOCABULARY = CharVocabulary.of("hello, world");
    static final int CHANNELS = 3;
    static final int LOOKBACK = 6;
    static final int HORIZON = 4;

    private TaskModels() {}

    /** A forecaster over 3 channels, lookback 6, horizon 4, hidden 5. */
    static ForecastNet forecast(CellType cell, int layers, boolean bidirectional, long seed) {
        Tensor.manualSeed(seed);
        RecurrentConfig c = RecurrentConfig.of(cell, CHANNELS, 5).numLayers(layers).bidirectional(bidirectional)
                .dropout(layers > 1 ? 0.3 : 0.0);
        return randomized(new ForecastNet(c, LOOKBACK, HORIZON));
    }

    /** A language model over {@link #VOCABULARY}, embedding 4, hidden 6, dropout 0.2 (identity in eval mode). */
    static CharLanguageModel text(CellType cell, int layers, long seed) {
        Tensor.manualSeed(seed);
        return randomized(new CharLanguageModel(VOCABULARY, cell, 4, 6, layers, 0.2));
    }

    /**
     * {@code m} with every parameter drawn from N(0, 0.5²), in eval mode: a forecaster's heads start
     * at zero (ar) and near it (head), which would hide a wrong step or channel.
     */
    static <M extends Module> M randomized(M m) {
        for (Tensor p : m.parameters()) p.copyFrom(Tensor.randn(p.shape()).mul(0.5f));
        m.eval();
        return m;
    }
}
