package org.rnn4j.examples.tutorial;

import java.io.PrintWriter;
import org.rnn4j.nn.RNN;
import org.rnn4j.nn.RecurrentOutput;
import org.rnn4j.tensor.Tensor;

/**
 * Four stacked RNN layers: h gets one row per layer. Mirrors:
 *
 * <pre>{@code
 * rnn = nn.RNN(input_size=100, hidden_size=10, num_layers=4)
 * print(rnn)
 * print(rnn._parameters.keys())
 * x = torch.randn(10, 3, 100)
 * out, h = rnn(x)
 * print(out.shape, h.shape)
 * }</pre>
 *
 * which prints {@code RNN(100, 10, num_layers=4)}, the 16 parameter names ({@code weight_ih_l0}
 * to {@code bias_hh_l3}) and {@code torch.Size([10, 3, 10]) torch.Size([4, 3, 10])}.
 */
public final class RnnLayersExample implements TutorialExample {
    @Override
    public String name() {
        return "rnn-layers";
    }

    @Override
    public String description() {
        return "the same with num_layers=4: output [10, 3, 10], h [4, 3, 10]";
    }

    @Override
    public void run(PrintWriter out) {
        Tensor.manualSeed(0);
        RNN rnn = new RNN(100, 10, 4);
        out.println(rnn);
        out.println(Torch.parameterKeys(rnn));
        Tensor x = Tensor.randn(10, 3, 100);
        RecurrentOutput r = rnn.forward(x);
        out.println(Torch.size(r.output()) + " " + Torch.size(r.h()));
        out.flush();
    }
}
