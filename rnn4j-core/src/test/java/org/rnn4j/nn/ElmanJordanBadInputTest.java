package org.rnn4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.rnn4j.tensor.Tensor;

/** Clear IllegalArgumentExceptions, naming what was expected and what came. */
class ElmanJordanBadInputTest {

    private static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void wrongInputSize() {
        assertEquals("ElmanNetwork: input.size(-1) must be equal to input_size. Expected 2, got 3 "
                + "(input shape [4, 1, 3])", message(() -> new ElmanNetwork(2, 3, 1).forward(Tensor.zeros(4, 1, 3))));
        assertEquals("JordanNetwork: input.size(-1) must be equal to input_size. Expected 2, got 5 "
                + "(input shape [4, 5])", message(() -> new JordanNetwork(2, 3, 1).forward(Tensor.zeros(4, 5))));
    }

    @Test
    void wrongRank() {
        assertEquals("ElmanNetwork: expected input to be 2D [T, I] or 3D [T, B, I], got 1D tensor of shape [2]",
                message(() -> new ElmanNetwork(2, 3, 1).forward(Tensor.zeros(2))));
        assertEquals("JordanNetwork: expected input to be 2D [T, I] or 3D [B, T, I], got 4D tensor of shape "
                + "[1, 1, 1, 2]", message(() -> new JordanNetwork(2, 3, 1, JordanNetwork.options().batchFirst(true))
                .forward(Tensor.zeros(1, 1, 1, 2))));
    }

    @Test
    void emptySequence() {
        assertEquals("ElmanNetwork: expected sequence length to be larger than 0, got input shape [0, 2]",
                message(() -> new ElmanNetwork(2, 3, 1).forward(Tensor.zeros(0, 2))));
    }

    @Test
    void nonPositiveSizes() {
        assertEquals("ElmanNetwork: input_size must be greater than zero, got 0",
                message(() -> new ElmanNetwork(0, 3, 1)));
        assertEquals("JordanNetwork: hidden_size must be greater than zero, got -1",
                message(() -> new JordanNetwork(2, -1, 1)));
        assertEquals("JordanNetwork: output_size must be greater than zero, got 0",
                message(() -> new JordanNetwork(2, 3, 0)));
    }

    @Test
    void nulls() {
        assertEquals("ElmanNetwork: input must not be null", message(() -> new ElmanNetwork(2, 3, 1).forward(null)));
        assertEquals("JordanNetwork: options must not be null", message(() -> new JordanNetwork(2, 3, 1, null)));
        assertEquals("ElmanNetwork: activation must not be null",
                message(() -> new ElmanNetwork(2, 3, 1, ElmanNetwork.options().activation(null))));
        assertEquals("JordanNetwork: output activation must not be null",
                message(() -> new JordanNetwork(2, 3, 1, JordanNetwork.options().outputActivation(null))));
    }

    @Test
    void loadStateDictWithWrongShapeNamesKeyAndShapes() {
        ElmanNetwork a = new ElmanNetwork(2, 3, 1);
        JordanNetwork b = new JordanNetwork(2, 3, 1);
        String m = message(() -> a.loadStateDict(b.stateDict()));
        assertEquals(true, m.contains("Missing key(s) in state_dict: \"weight_hh\"") && m.contains("\"weight_yh\""), m);
    }
}
