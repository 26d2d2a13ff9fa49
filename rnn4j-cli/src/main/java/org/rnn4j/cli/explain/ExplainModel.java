package org.rnn4j.cli.explain;

import java.util.function.Function;
import org.rnn4j.nn.Activation;
import org.rnn4j.nn.ElmanNetwork;
import org.rnn4j.nn.GRU;
import org.rnn4j.nn.JordanNetwork;
import org.rnn4j.nn.LSTM;
import org.rnn4j.nn.Module;
import org.rnn4j.tensor.Tensor;

/**
 * A library module to explain, its step-by-step {@link Tracer}, and its forward pass on an
 * unbatched sequence [T, I] returning the per-step outputs [T, O] (y, or h for LSTM and GRU).
 */
public record ExplainModel(Module module, Tracer tracer, Function<Tensor, Tensor> forward) {

    /** The four explainable cells. */
    public enum Kind { ELMAN, JORDAN, LSTM, GRU }

    /** What to build; options a cell does not have are ignored here (the command rejects them). */
    public record Settings(Kind kind, int inputSize, int hidden, int output, Activation activation,
                           Activation outputActivation, Activation gateActivation, boolean peephole, boolean bias) {}

    public static ExplainModel build(Settings s) {
        switch (s.kind()) {
            case ELMAN: {
                ElmanNetwork m = new ElmanNetwork(s.inputSize(), s.hidden(), s.output(), ElmanNetwork.options()
                        .activation(s.activation()).outputActivation(s.outputActivation()).bias(s.bias()));
                return new ExplainModel(m, new NetworkTracer(false, s.activation(), s.outputActivation()),
                        x -> m.forward(x).output());
            }
            case JORDAN: {
                JordanNetwork m = new JordanNetwork(s.inputSize(), s.hidden(), s.output(), JordanNetwork.options()
                        .activation(s.activation()).outputActivation(s.outputActivation()).bias(s.bias()));
                return new ExplainModel(m, new NetworkTracer(true, s.activation(), s.outputActivation()),
                        x -> m.forward(x).output());
            }
            case LSTM: {
                LSTM m = new LSTM(s.inputSize(), s.hidden(), LSTM.options().activation(s.activation())
                        .gateActivation(s.gateActivation()).peephole(s.peephole()).bias(s.bias()));
                return new ExplainModel(m, new LstmTracer(s.activation(), s.gateActivation()),
                        x -> m.forward(x).output());
            }
            default: {
                GRU m = new GRU(s.inputSize(), s.hidden(), GRU.options().bias(s.bias()));
                return new ExplainModel(m, new GruTracer(), x -> m.forward(x).output());
            }
        }
    }

    /**
     * Traces xs and checks the trace's outputs against the module's own forward pass.
     *
     * @return the trace; throws IllegalStateException if the two disagree beyond float rounding
     */
    public Trace traceChecked(float[][] xs) {
        Trace tr = tracer.trace(module.stateDict(), xs);
        float[] flat = new float[xs.length * xs[0].length];
        for (int t = 0; t < xs.length; t++) System.arraycopy(xs[t], 0, flat, t * xs[0].length, xs[0].length);
        float[] lib;
        try (var off = org.rnn4j.autograd.GradMode.noGrad()) {
            lib = forward.apply(Tensor.of(flat, xs.length, xs[0].length)).toFloatArray();
        }
        float[] mine = tr.outputs();
        for (int i = 0; i < mine.length; i++) {
            if (!(Math.abs(mine[i] - lib[i]) <= 1e-5 + 1e-5 * Math.abs(lib[i]))) {
                throw new IllegalStateException("internal error: the step-by-step trace gives " + mine[i]
                        + " but " + module.getClass().getSimpleName() + ".forward gives " + lib[i]
                        + " at output element " + i);
            }
        }
        return tr;
    }
}
