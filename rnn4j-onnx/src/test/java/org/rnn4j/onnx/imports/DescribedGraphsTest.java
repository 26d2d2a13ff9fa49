package org.rnn4j.onnx.imports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnn4j.data.CharVocabulary;
import org.rnn4j.io.Onnx;
import org.rnn4j.nn.CellType;
import org.rnn4j.nn.Module;
import org.rnn4j.nn.RecurrentConfig;
import org.rnn4j.tasks.forecast.ForecastNet;
import org.rnn4j.tasks.text.CharLanguageModel;
import org.rnn4j.tensor.Tensor;

/**
 * Weights larger than one probe can number (2^24 elements) are placed a part at a time: with probes
 * of 5 elements (so every parameter here takes several, ending in a partial one) the loaded weights
 * are the exported ones, element for element.
 */
class DescribedGraphsTest {
    private static void placesEveryElement(Module m) {
        Tensor.manualSeed(3);
        for (Tensor p : m.parameters()) p.copyFrom(Tensor.randn(p.shape()));
        Module back = DescribedGraphs.toModule(Onnx.toOnnx(m, Onnx.options()), 5);
        Map<String, Tensor> want = m.stateDict();
        Map<String, Tensor> got = back.stateDict();
        assertEquals(want.keySet(), got.keySet());
        want.forEach((k, v) -> assertArrayEquals(v.toFloatArray(), got.get(k).toFloatArray(), k));
    }

    @Test
    void charLanguageModelInSmallProbes() {
        placesEveryElement(new CharLanguageModel(CharVocabulary.of("abcdefg"), CellType.LSTM, 3, 4, 2, 0.0));
    }

    @Test
    void forecastNetInSmallProbes() {
        placesEveryElement(new ForecastNet(RecurrentConfig.of(CellType.GRU, 2, 3).bidirectional(true), 4, 3));
    }
}
