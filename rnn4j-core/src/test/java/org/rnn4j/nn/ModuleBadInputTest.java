package org.rnn4j.nn;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.rnn4j.tensor.Tensor;

/**
 * Bad constructor arguments and bad forward inputs to the recurrent modules, cells, Linear and
 * MSELoss: an IllegalArgumentException naming the expected and actual value, in PyTorch's words
 * where PyTorch has them (checked against PyTorch 1.13/2.x text).
 */
class ModuleBadInputTest {

    static void fails(Executable body, String... fragments) {
        Throwable e = assertThrows(Throwable.class, body);
        if (e.getClass() != IllegalArgumentException.class) {
            throw new AssertionError("expected IllegalArgumentException but got " + e, e);
        }
        for (String f : fragments) {
            assertTrue(e.getMessage() != null && e.getMessage().contains(f),
                    "message \"" + e.getMessage() + "\" lacks \"" + f + "\"");
        }
    }

    // ------------------------------------------------------------ constructors

    @Test
    void nonPositiveSizes() {
        fails(() -> new RNN(0, 3), "input_size must be greater than zero, got 0");
        fails(() -> new LSTM(-1, 3), "input_size must be greater than zero, got -1");
        fails(() -> new GRU(4, 0), "hidden_size must be greater than zero, got 0");
        fails(() -> new RNN(4, -5), "hidden_size must be greater than zero, got -5");
        fails(() -> new LSTM(4, 3, 0), "num_layers must be greater than zero, got 0");
        fails(() -> new GRU(4, 3, -2), "num_layers must be greater than zero, got -2");
        fails(() -> new RNNCell(0, 3), "input_size must be greater than zero, got 0");
        fails(() -> new LSTMCell(4, 0), "hidden_size must be greater than zero, got 0");
        fails(() -> new GRUCell(4, -1), "hidden_size must be greater than zero, got -1");
        fails(() -> new Linear(-1, 2), "-1");
        fails(() -> new Linear(2, -3), "-3");
    }

    @Test
    void dropoutOutsideZeroOne() {
        for (double p : new double[] {-0.1, 1.0, 1.5, Double.NaN, Double.POSITIVE_INFINITY}) {
            String got = "got " + p;
            fails(() -> new RNN(4, 3, RNN.options().numLayers(2).dropout(p)),
                    "dropout should be a number in range [0, 1)", got);
            fails(() -> new LSTM(4, 3, LSTM.options().dropout(p)), "dropout should be a number in range", got);
            fails(() -> new GRU(4, 3, GRU.options().dropout(p)), "dropout should be a number in range", got);
        }
    }

    @Test
    void projSize() {
        fails(() -> new LSTM(4, 3, LSTM.options().projSize(3)),
                "proj_size has to be smaller than hidden_size", "proj_size=3", "hidden_size=3");
        fails(() -> new LSTM(4, 3, LSTM.options().projSize(7)), "proj_size has to be smaller than hidden_size");
        fails(() -> new LSTM(4, 3, LSTM.options().projSize(-1)),
                "proj_size should be a positive integer or zero to disable projections", "-1");
    }

    @Test
    void nullOptionsAndActivations() {
        fails(() -> new RNN(4, 3, (RNN.Options) null), "options");
        fails(() -> new LSTM(4, 3, (LSTM.Options) null), "options");
        fails(() -> new GRU(4, 3, (GRU.Options) null), "options");
        fails(() -> new RNNCell(4, 3, null), "options");
        fails(() -> new LSTMCell(4, 3, null), "options");
        fails(() -> new GRUCell(4, 3, null), "options");
        fails(() -> new RNN(4, 3, RNN.options().nonlinearity(null)), "null");
        fails(() -> new LSTM(4, 3, LSTM.options().activation(null)), "null");
        fails(() -> new LSTM(4, 3, LSTM.options().gateActivation(null)), "null");
        fails(() -> new RNNCell(4, 3, RNNCell.options().nonlinearity(null)), "null");
    }

    // ------------------------------------------------------------ layer forward

    private final RNN rnn = new RNN(4, 3);
    private final LSTM lstm = new LSTM(4, 3);
    private final GRU gru = new GRU(4, 3);

    @Test
    void wrongInputSize() {
        String msg = "input.size(-1) must be equal to input_size. Expected 4, got 6";
        fails(() -> rnn.forward(Tensor.zeros(5, 2, 6)), msg);
        fails(() -> lstm.forward(Tensor.zeros(5, 2, 6)), msg);
        fails(() -> gru.forward(Tensor.zeros(5, 2, 6)), msg);
        fails(() -> rnn.forward(Tensor.zeros(5, 6)), msg);
        RNN bf = new RNN(4, 3, RNN.options().batchFirst(true));
        fails(() -> bf.forward(Tensor.zeros(2, 5, 6)), msg);
    }

    @Test
    void inputOfWrongRank() {
        fails(() -> rnn.forward(Tensor.zeros(5, 2, 4, 1)), "RNN: Expected input to be 2D or 3D, got 4D tensor instead");
        fails(() -> lstm.forward(Tensor.zeros(5, 2, 4, 1)), "LSTM: Expected input to be 2D or 3D, got 4D");
        fails(() -> gru.forward(Tensor.zeros(4)), "GRU: Expected input to be 2D or 3D, got 1D");
        fails(() -> rnn.forward(Tensor.scalar(1f)), "got 0D");
    }

    @Test
    void nullInput() {
        // (Tensor) null: forward(PackedSequence) is an overload too, as in API.md
        fails(() -> rnn.forward((Tensor) null), "input must not be null");
        fails(() -> lstm.forward((Tensor) null), "input must not be null");
        fails(() -> gru.forward((Tensor) null, Tensor.zeros(1, 2, 3)), "input must not be null");
    }

    @Test
    void h0OfWrongShape() {
        Tensor x = Tensor.zeros(5, 2, 4);
        fails(() -> rnn.forward(x, Tensor.zeros(1, 3, 3)), "Expected hidden size (1, 2, 3), got [1, 3, 3]");
        fails(() -> rnn.forward(x, Tensor.zeros(1, 2, 5)), "Expected hidden size (1, 2, 3), got [1, 2, 5]");
        fails(() -> gru.forward(x, Tensor.zeros(2, 2, 3)), "Expected hidden size (1, 2, 3), got [2, 2, 3]");
        fails(() -> lstm.forward(x, Tensor.zeros(1, 3, 3), Tensor.zeros(1, 2, 3)),
                "Expected hidden[0] size (1, 2, 3), got [1, 3, 3]");
        fails(() -> rnn.forward(x, Tensor.zeros(3, 3)),
                "For batched 3-D input, hx should also be 3-D but got 2-D tensor");
        fails(() -> rnn.forward(Tensor.zeros(5, 4), Tensor.zeros(1, 1, 3)),
                "For unbatched 2-D input, hx should also be 2-D but got 3-D tensor");
        fails(() -> rnn.forward(Tensor.zeros(5, 4), Tensor.zeros(1, 4)), "Expected hidden size (1, 1, 3), got [1, 1, 4]");
        RNN deep = new RNN(4, 3, RNN.options().numLayers(2).bidirectional(true));
        fails(() -> deep.forward(x, Tensor.zeros(2, 2, 3)), "Expected hidden size (4, 2, 3), got [2, 2, 3]");
        LSTM proj = new LSTM(4, 3, LSTM.options().projSize(2));
        fails(() -> proj.forward(x, Tensor.zeros(1, 2, 3), null), "Expected hidden[0] size (1, 2, 2), got [1, 2, 3]");
    }

    @Test
    void c0OfWrongShape() {
        Tensor x = Tensor.zeros(5, 2, 4);
        fails(() -> lstm.forward(x, Tensor.zeros(1, 2, 3), Tensor.zeros(1, 2, 4)),
                "Expected hidden[1] size (1, 2, 3), got [1, 2, 4]");
        fails(() -> lstm.forward(x, null, Tensor.zeros(1, 1, 3)), "Expected hidden[1] size (1, 2, 3), got [1, 1, 3]");
        fails(() -> lstm.forward(x, Tensor.zeros(1, 2, 3), Tensor.zeros(2, 4)),
                "For batched 3-D input, hx and cx should also be 3-D but got (3-D, 2-D) tensors");
        fails(() -> lstm.forward(Tensor.zeros(5, 4), Tensor.zeros(1, 3), Tensor.zeros(1, 1, 3)),
                "For unbatched 2-D input, hx and cx should also be 2-D but got (2-D, 3-D) tensors");
        LSTM proj = new LSTM(4, 3, LSTM.options().projSize(2));
        fails(() -> proj.forward(x, Tensor.zeros(1, 2, 2), Tensor.zeros(1, 2, 2)),
                "Expected hidden[1] size (1, 2, 3), got [1, 2, 2]");
    }

    @Test
    void emptySequence() {
        String msg = "Expected sequence length to be larger than 0 in RNN";
        fails(() -> rnn.forward(Tensor.zeros(0, 2, 4)), msg);
        fails(() -> lstm.forward(Tensor.zeros(0, 2, 4)), msg);
        fails(() -> gru.forward(Tensor.zeros(0, 2, 4)), msg);
        fails(() -> rnn.forward(Tensor.zeros(0, 4)), msg);
        fails(() -> rnn.forward(Tensor.zeros(0, 0, 4)), msg);
        RNN bf = new RNN(4, 3, RNN.options().batchFirst(true));
        fails(() -> bf.forward(Tensor.zeros(2, 0, 4)), msg);
    }

    // ------------------------------------------------------------ cell forward

    private final RNNCell rnnCell = new RNNCell(4, 3);
    private final LSTMCell lstmCell = new LSTMCell(4, 3);
    private final GRUCell gruCell = new GRUCell(4, 3);

    @Test
    void cellWrongInputSize() {
        String msg = "input has inconsistent input_size: got 5 expected 4";
        fails(() -> rnnCell.forward(Tensor.zeros(2, 5)), msg);
        fails(() -> lstmCell.forward(Tensor.zeros(2, 5)), msg);
        fails(() -> gruCell.forward(Tensor.zeros(5)), msg);
    }

    @Test
    void cellInputOfWrongRank() {
        fails(() -> rnnCell.forward(Tensor.zeros(2, 5, 4)), "RNNCell: Expected input to be 1-D or 2-D but received 3-D tensor");
        fails(() -> lstmCell.forward(Tensor.zeros(1, 2, 5, 4)), "LSTMCell: Expected input to be 1-D or 2-D but received 4-D");
        fails(() -> gruCell.forward(Tensor.scalar(0f)), "GRUCell: Expected input to be 1-D or 2-D but received 0-D");
        fails(() -> rnnCell.forward(null), "input must not be null");
        fails(() -> lstmCell.forward(null, null, null), "input must not be null");
        fails(() -> gruCell.forward(null), "input must not be null");
    }

    @Test
    void cellStateOfWrongShape() {
        Tensor x = Tensor.zeros(2, 4);
        fails(() -> rnnCell.forward(x, Tensor.zeros(3, 3)), "Input batch size 2 doesn't match hidden0 batch size 3");
        fails(() -> gruCell.forward(x, Tensor.zeros(2, 4)), "hidden0 has inconsistent hidden_size: got 4, expected 3");
        fails(() -> rnnCell.forward(x, Tensor.zeros(3)), "hidden", "2-D", "1-D");
        fails(() -> rnnCell.forward(Tensor.zeros(4), Tensor.zeros(1, 3)), "hidden", "1-D", "2-D");
        fails(() -> lstmCell.forward(x, Tensor.zeros(2, 3), Tensor.zeros(2, 4)),
                "hidden1 has inconsistent hidden_size: got 4, expected 3");
        fails(() -> lstmCell.forward(x, Tensor.zeros(1, 3), Tensor.zeros(2, 3)),
                "Input batch size 2 doesn't match hidden0 batch size 1");
        fails(() -> lstmCell.forward(x, null, Tensor.zeros(5, 3)),
                "Input batch size 2 doesn't match hidden1 batch size 5");
        fails(() -> lstmCell.forward(Tensor.zeros(4), Tensor.zeros(3), Tensor.zeros(2, 3)), "cell state", "1-D");
    }

    // ------------------------------------------------------------ Linear and MSELoss

    @Test
    void linearAndLoss() {
        Linear lin = new Linear(3, 2);
        fails(() -> lin.forward(Tensor.zeros(4, 5)), "3", "[4, 5]");
        fails(() -> lin.forward(Tensor.scalar(1f)), "3");
        fails(() -> lin.forward(null), "null");
        MSELoss loss = new MSELoss();
        fails(() -> loss.forward(Tensor.zeros(2), Tensor.zeros(3)), "[2]", "[3]");
        fails(() -> loss.forward(null, Tensor.zeros(3)), "null");
        fails(() -> loss.forward(Tensor.zeros(3), null), "null");
    }
}
