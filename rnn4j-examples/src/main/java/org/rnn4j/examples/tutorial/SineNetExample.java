package org.rnn4j.examples.tutorial;

import java.io.PrintWriter;
import org.rnn4j.nn.Linear;
import org.rnn4j.nn.Module;
import org.rnn4j.nn.RNN;
import org.rnn4j.nn.RecurrentOutput;
import org.rnn4j.tensor.Tensor;

/**
 * The sine-wave net: a two-layer batch-first RNN with a Linear head applied at every step, and
 * one forward pass over 49 points. Mirrors:
 *
 * <pre>{@code
 * class Net(nn.Module):
 *     def __init__(self):
 *         super(Net, self).__init__()
 *         self.rnn = nn.RNN(input_size=1, hidden_size=16, num_layers=2, batch_first=True)
 *         self.linear = nn.Linear(16, 1)
 *
 *     def forward(self, x, hidden_prev):
 *         out, hidden_prev = self.rnn(x, hidden_prev)
 *         out = out.view(-1, 16)
 *         out = self.linear(out)
 *         out = out.unsqueeze(dim=0)
 *         return out, hidden_prev
 *
 * model = Net()
 * print(model)
 * time_steps = np.linspace(0, 10, 50)
 * data = np.sin(time_steps).reshape(50, 1)
 * x = torch.tensor(data[:-1]).float().view(1, 49, 1)
 * hidden_prev = torch.zeros(2, 1, 16)
 * out, hidden_prev = model(x, hidden_prev)
 * print(x.shape, out.shape, hidden_prev.shape)
 * }</pre>
 *
 * which prints
 *
 * <pre>{@code
 * Net(
 *   (rnn): RNN(1, 16, num_layers=2, batch_first=True)
 *   (linear): Linear(in_features=16, out_features=1, bias=True)
 * )
 * torch.Size([1, 49, 1]) torch.Size([1, 49, 1]) torch.Size([2, 1, 16])
 * }</pre>
 */
public final class SineNetExample implements TutorialExample {
    /** The tutorial's {@code Net}. */
    public static final class Net extends Module {
        public static final int HIDDEN = 16;
        private final RNN rnn;
        private final Linear linear;

        public Net() {
            rnn = registerModule("rnn", new RNN(1, HIDDEN, RNN.options().numLayers(2).batchFirst(true)));
            linear = registerModule("linear", new Linear(HIDDEN, 1));
        }

        /** {@code out [1, T, 1]} and the last hidden state {@code [2, 1, 16]}. */
        public RecurrentOutput forward(Tensor x, Tensor hiddenPrev) {
            RecurrentOutput r = rnn.forward(x, hiddenPrev);
            Tensor out = r.output().reshape(-1, HIDDEN);
            out = linear.forward(out);
            return new RecurrentOutput(out.unsqueeze(0), r.h());
        }
    }

    @Override
    public String name() {
        return "sine-net";
    }

    @Override
    public String description() {
        return "the sine-wave Net (RNN(1, 16, num_layers=2, batch_first=True) + Linear(16, 1)) and one forward pass";
    }

    @Override
    public void run(PrintWriter out) {
        Tensor.manualSeed(0);
        Net model = new Net();
        out.println(model);
        int points = 50;
        float[] data = new float[points - 1];
        for (int i = 0; i < points - 1; i++) data[i] = (float) Math.sin(10.0 * i / (points - 1));
        Tensor x = Tensor.of(data, 1, points - 1, 1);
        Tensor hiddenPrev = Tensor.zeros(2, 1, Net.HIDDEN);
        RecurrentOutput r = model.forward(x, hiddenPrev);
        out.println(Torch.size(x) + " " + Torch.size(r.output()) + " " + Torch.size(r.h()));
        out.flush();
    }
}
