package org.rnn4j.examples.tutorial;

import java.io.PrintWriter;
import org.rnn4j.nn.RNNCell;
import org.rnn4j.tensor.Tensor;

/**
 * An RNNCell stepped by hand over the 10 time steps. Mirrors:
 *
 * <pre>{@code
 * cell1 = nn.RNNCell(100, 10)
 * print(cell1)
 * x = torch.randn(10, 3, 100)
 * h1 = torch.zeros(3, 10)
 * for xt in x:
 *     h1 = cell1(xt, h1)
 *     print(h1.shape)
 * }</pre>
 *
 * which prints {@code RNNCell(100, 10)} and ten times {@code torch.Size([3, 10])}.
 */
public final class RnnCellExample implements TutorialExample {
    @Override
    public String name() {
        return "rnncell";
    }

    @Override
    public String description() {
        return "an RNNCell(100, 10) stepped over the 10 time steps of [10, 3, 100]: h [3, 10] each step";
    }

    @Override
    public void run(PrintWriter out) {
        Tensor.manualSeed(0);
        RNNCell cell1 = new RNNCell(100, 10);
        out.println(cell1);
        Tensor x = Tensor.randn(10, 3, 100);
        Tensor h1 = Tensor.zeros(3, 10);
        for (int t = 0; t < x.size(0); t++) {
            h1 = cell1.forward(x.select(0, t), h1);
            out.println(Torch.size(h1));
        }
        out.flush();
    }
}
