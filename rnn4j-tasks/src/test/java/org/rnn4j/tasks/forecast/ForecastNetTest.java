package org.rnn4j.tasks.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnn4j.nn.CellType;
import org.rnn4j.nn.RecurrentConfig;
import org.rnn4j.tensor.Tensor;

class ForecastNetTest {
    @Test
    void namesShapesAndTheSeasonalNaiveStart() {
        Tensor.manualSeed(0);
        ForecastNet net = new ForecastNet(RecurrentConfig.of(CellType.LSTM, 2, 4), 6, 3);
        assertEquals(List.of("rnn.weight_ih_l0", "rnn.weight_hh_l0", "rnn.bias_ih_l0", "rnn.bias_hh_l0", "head.weight",
                "head.bias", "ar.weight"), List.copyOf(net.namedParameters().keySet()));
        Tensor x = Tensor.randn(5, 6, 2);
        Tensor base = Tensor.randn(5, 3);
        assertArrayEquals(new int[] {5, 3}, net.forward(x, base).shape());
        // with the recurrent head silenced, the untrained net forecasts seasonal naive exactly
        net.namedParameters().get("head.weight").fill(0f);
        assertArrayEquals(base.toFloatArray(), net.forward(x, base).toFloatArray(), 0f);
        assertThrows(IllegalArgumentException.class, () -> net.forward(Tensor.randn(5, 7, 2), base));
    }

    @Test
    void theHighwayIsALinearMapOfTheTargetChannel() {
        Tensor.manualSeed(0);
        ForecastNet net = new ForecastNet(RecurrentConfig.of(CellType.GRU, 2, 4), 3, 2);
        net.namedParameters().get("head.weight").fill(0f);
        net.namedParameters().get("ar.weight").copyFrom(Tensor.of(new float[] {1, 0, 0, 0, 0, 2}, 2, 3));
        Tensor x = Tensor.of(new float[] {1, 9, 2, 9, 3, 9}, 1, 3, 2); // target channel 1, 2, 3
        Tensor base = Tensor.of(new float[] {10, 20}, 1, 2);
        assertArrayEquals(new float[] {10 + 1, 20 + 2 * 3}, net.forward(x, base).toFloatArray(), 1e-6f);
    }
}
