package org.rnn4j.nn;

import java.util.Arrays;
import org.rnn4j.tensor.Tensor;

/** Mean squared error, {@code mean((prediction - target)^2)}, like {@code torch.nn.MSELoss()}. */
public final class MSELoss extends Module {
    public Tensor forward(Tensor prediction, Tensor target) {
        if (prediction == null || target == null) {
            throw new IllegalArgumentException("MSELoss: " + (prediction == null ? "prediction" : "target")
                    + " must not be null");
        }
        if (!Arrays.equals(prediction.shape(), target.shape())) {
            throw new IllegalArgumentException("MSELoss: prediction shape " + Arrays.toString(prediction.shape())
                    + " does not match target shape " + Arrays.toString(target.shape()));
        }
        return prediction.sub(target).square().mean();
    }
}
