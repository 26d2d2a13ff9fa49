package org.rnn4j.examples.tutorial;

import java.io.PrintWriter;
import org.rnn4j.nn.RNNCell;
import org.rnn4j.tensor.Tensor;

/**
 * Two RNNCells stacked by hand: the first's hidden state is the second's input. Mirrors:
 *
 * <pre>{@code
 * cell1 = nn.RNNCell(100, 10)
 * cell2 = nn.RNNCell(10, 20)
 * print(cell1, cell2)
 * x = torch.randn(10, 3, 100)
 * h1 = torch.zeros(3, 10)
 * h2 = torch.zeros(3, 20)
 * for xt in x:
 *     h1 = cell1(xt, h1)
 *     h2 = cell2(h1, h2)
 * print(h1.shape, h2.shape)
 * }</pre>
 *
 * which prints {@code RNNCell(100, 10) RNNCell(10, 20)} and
 * {@code torch.Size([3, 10]) torch.Size([3, 20])}.
 */
public final class StackedCellsExample implements TutorialExample {
    @Override
    public String name() {
        return "stacked-cells";
    }

    @Override
    public String description() {
        return "RNNCell(100, 10) feeding RNNCell(10, 20) over the 10 steps: h1 [3, 10], h2 [3, 20]";
    }

    @Override
    public void run(PrintWriter out) {
        Tensor.manualSeed(0);
        RNNCell cell1 = new RNNCell(100, 10);
        RNNCell cell2 = new RNNCell(10, 20);
        out.println(cell1 + " " + cell2);
        Tensor x = Tensor.randn(10, 3, 100);
        Tensor h1 = Tensor.zeros(3, 10);
        Tensor h2 = Tensor.zeros(3, 20);
        for (int t = 0; t < x.size(0); t++) {
            h1 = cell1.forward(x.select(0, t), h1);
            h2 = cell2.forward(h1, h2);
        }
        out.println(Torch.size(h1) + " " + Torch.size(h2));
        out.flush();
    }
}
