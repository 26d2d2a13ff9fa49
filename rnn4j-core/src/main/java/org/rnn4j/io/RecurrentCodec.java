package org.rnn4j.io;

import java.util.Map;
import org.rnn4j.nn.Activation;
import org.rnn4j.nn.CellType;
import org.rnn4j.nn.GRU;
import org.rnn4j.nn.LSTM;
import org.rnn4j.nn.Module;
import org.rnn4j.nn.RNN;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.nn.RecurrentConfig;

/**
 * {@link RNN}, {@link LSTM} and {@link GRU} with every option, under PyTorch's argument names:
 * {@code input_size}, {@code hidden_size}, {@code num_layers}, {@code bias}, {@code batch_first},
 * {@code dropout}, {@code bidirectional}; RNN adds {@code nonlinearity}; LSTM adds
 * {@code proj_size} and the extensions {@code activation}, {@code gate_activation},
 * {@code peephole}. Every option is written, defaults included, so that a file does not depend
 * on what the defaults are when it is read.
 */
final class RecurrentCodec<M extends Module & Recurrent> implements ModuleCodec<M> {
    static final RecurrentCodec<RNN> RNN_CODEC = new RecurrentCodec<>(CellType.RNN, RNN.class);
    static final RecurrentCodec<LSTM> LSTM_CODEC = new RecurrentCodec<>(CellType.LSTM, LSTM.class);
    static final RecurrentCodec<GRU> GRU_CODEC = new RecurrentCodec<>(CellType.GRU, GRU.class);

    private final CellType cell;
    private final Class<M> type;

    private RecurrentCodec(CellType cell, Class<M> type) {
        this.cell = cell;
        this.type = type;
    }

    @Override
    public String type() {
        return cell.name();
    }

    @Override
    public Class<M> moduleClass() {
        return type;
    }

    @Override
    public ModuleConfig config(M module) {
        RecurrentConfig c = module.config();
        ModuleConfig out = ModuleConfig.of().with("input_size", c.inputSize()).with("hidden_size", c.hiddenSize())
                .with("num_layers", c.numLayers());
        if (cell == CellType.RNN) out = out.with("nonlinearity", c.activation());
        out = out.with("bias", c.bias()).with("batch_first", c.batchFirst()).with("dropout", c.dropout())
                .with("bidirectional", c.bidirectional());
        if (cell == CellType.LSTM) {
            out = out.with("proj_size", c.projSize()).with("activation", c.activation())
                    .with("gate_activation", c.gateActivation()).with("peephole", c.peephole());
        }
        return out;
    }

    @Override
    public M build(ModuleConfig c, Map<String, Module> children) {
        RecurrentConfig r = RecurrentConfig.of(cell, c.getInt("input_size"), c.getInt("hidden_size"))
                .numLayers(c.getInt("num_layers", 1)).bias(c.getBoolean("bias", true))
                .batchFirst(c.getBoolean("batch_first", false)).dropout(c.getDouble("dropout", 0.0))
                .bidirectional(c.getBoolean("bidirectional", false));
        if (cell == CellType.RNN) r = r.activation(c.getEnum("nonlinearity", Activation.class, Activation.TANH));
        if (cell == CellType.LSTM) {
            r = r.projSize(c.getInt("proj_size", 0)).activation(c.getEnum("activation", Activation.class, Activation.TANH))
                    .gateActivation(c.getEnum("gate_activation", Activation.class, Activation.SIGMOID))
                    .peephole(c.getBoolean("peephole", false));
        }
        return type.cast(Recurrent.of(r).module());
    }
}
