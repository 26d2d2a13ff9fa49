package org.rnn4j.tasks.forecast;

import org.rnn4j.io.ModuleCodec;
import org.rnn4j.io.ModuleConfig;
import org.rnn4j.nn.Activation;
import org.rnn4j.nn.CellType;
import org.rnn4j.nn.RecurrentConfig;

/**
 * The model-file codec of {@link ForecastNet} (registered as a service, so that
 * {@code Models.load} rebuilds a forecaster wherever rnn4j-tasks is on the class path): the
 * encoder's options under PyTorch's names, plus {@code lookback} and {@code horizon}; the encoder
 * and the two heads are rebuilt from these, not stored as nodes of their own.
 */
public final class ForecastNetCodec implements ModuleCodec<ForecastNet> {
    @Override
    public String type() {
        return "rnn4j.ForecastNet";
    }

    @Override
    public Class<ForecastNet> moduleClass() {
        return ForecastNet.class;
    }

    @Override
    public ModuleConfig config(ForecastNet net) {
        RecurrentConfig c = net.config();
        return ModuleConfig.of().with("cell", c.cell()).with("input_size", c.inputSize())
                .with("hidden_size", c.hiddenSize()).with("num_layers", c.numLayers()).with("bias", c.bias())
                .with("dropout", c.dropout()).with("bidirectional", c.bidirectional())
                .with("activation", c.activation()).with("lookback", net.lookback()).with("horizon", net.horizon());
    }

    @Override
    public ForecastNet build(ModuleConfig c, java.util.Map<String, org.rnn4j.nn.Module> children) {
        RecurrentConfig rnn = RecurrentConfig.of(c.getEnum("cell", CellType.class), c.getInt("input_size"),
                        c.getInt("hidden_size"))
                .numLayers(c.getInt("num_layers")).bias(c.getBoolean("bias")).dropout(c.getDouble("dropout"))
                .bidirectional(c.getBoolean("bidirectional")).activation(c.getEnum("activation", Activation.class));
        return new ForecastNet(rnn, c.getInt("lookback"), c.getInt("horizon"));
    }
}
