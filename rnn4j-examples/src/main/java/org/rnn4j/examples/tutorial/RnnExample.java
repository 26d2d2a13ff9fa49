package org.rnn4j.examples.tutorial;

import java.io.PrintWriter;
import org.rnn4j.nn.RNN;
import org.rnn4j.nn.RecurrentOutput;
import org.rnn4j.tensor.Tensor;

/**
 * A one-layer RNN over a sequence of 10 steps, batch 3, 100 features. Mirrors:
 *
 * <pre>{@code
 * rnn = nn.RNN(100, 10)
 * print(rnn)
 * print(rnn._parameters.keys())
 * print(rnn.weight_ih_l0.shape, rnn.weight_hh_l0.shape)
 * x = torch.randn(10, 3, 100)
 * out, h = rnn(x, torch.zeros(1, 3, 10))
 * print(out.shape, h.shape)
 * }</pre>
 *
 * which prints
 *
 * <pre>{@code
 * RNN(100, 10)
 * odict_keys(['weight_ih_l0', 'weight_hh_l0', 'bias_ih_l0', 'bias_hh_l0'])
 * torch.Size([10, 100]) torch.Size([10, 10])
 * torch.Size([10, 3, 10]) torch.Size([1, 3, 10])
 * }</pre>
 */
public final class RnnExample implements TutorialExample {
    @Override
    public String name() {
        return "rnn";
    }

    @Override
    public String description() {
        return "a one-layer RNN(100, 10) over x [10, 3, 100]: output [10, 3, 10], h [1, 3, 10]";
    }

    @Override
    public void run(PrintWriter out) {
        Tensor.manualSeed(0);
        RNN rnn = new RNN(100, 10);
        out.println(rnn);
        out.println(Torch.parameterKeys(rnn));
        out.println(Torch.size(rnn.namedParameters().get("weight_ih_l0")) + " "
                + Torch.size(rnn.namedParameters().get("weight_hh_l0")));
        Tensor x = Tensor.randn(10, 3, 100);
        RecurrentOutput r = rnn.forward(x, Tensor.zeros(1, 3, 10));
        out.println(Torch.size(r.output()) + " " + Torch.size(r.h()));
        out.flush();
    }
}
