package org.rnn4j.io;

import java.util.Map;
import org.rnn4j.nn.Activation;
import org.rnn4j.nn.ElmanNetwork;
import org.rnn4j.nn.Module;

/**
 * {@link ElmanNetwork}: {@code input_size}, {@code hidden_size}, {@code output_size},
 * {@code activation}, {@code output_activation}, {@code bias}, {@code batch_first}.
 */
final class ElmanNetworkCodec implements ModuleCodec<ElmanNetwork> {
    @Override
    public String type() {
        return "ElmanNetwork";
    }

    @Override
    public Class<ElmanNetwork> moduleClass() {
        return ElmanNetwork.class;
    }

    @Override
    public ModuleConfig config(ElmanNetwork m) {
        ElmanNetwork.Options o = m.config();
        return ModuleConfig.of().with("input_size", m.inputSize()).with("hidden_size", m.hiddenSize())
                .with("output_size", m.outputSize()).with("activation", o.activation())
                .with("output_activation", o.outputActivation()).with("bias", o.bias())
                .with("batch_first", o.batchFirst());
    }

    @Override
    public ElmanNetwork build(ModuleConfig c, Map<String, Module> children) {
        return new ElmanNetwork(c.getInt("input_size"), c.getInt("hidden_size"), c.getInt("output_size"),
                ElmanNetwork.options().activation(c.getEnum("activation", Activation.class, Activation.TANH))
                        .outputActivation(c.getEnum("output_activation", Activation.class, Activation.IDENTITY))
                        .bias(c.getBoolean("bias", true)).batchFirst(c.getBoolean("batch_first", false)));
    }
}
