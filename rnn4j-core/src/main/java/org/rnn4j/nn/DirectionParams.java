package org.rnn4j.nn;

import java.util.Arrays;
import java.util.List;
import org.rnn4j.internal.backend.DirectionWeights;
import org.rnn4j.tensor.Tensor;

/**
 * The parameters of one direction of one layer; absent ones are null.
 *
 * @param wih [G*H, I]   @param whh [G*H, P]   @param bih, bhh [G*H]
 * @param whr [P, H] (LSTM proj_size)   @param wci, wcf, wco [H] (LSTM peepholes)
 */
record DirectionParams(Tensor wih, Tensor whh, Tensor bih, Tensor bhh, Tensor whr,
                       Tensor wci, Tensor wcf, Tensor wco) {
    /** The number of slots, in the order of {@link #slots()} and {@link #weights(float[][])}. */
    static final int COUNT = 8;

    /** The slots in record order (nulls kept): how a layer node lists its inputs. */
    List<Tensor> slots() {
        return Arrays.asList(wih, whh, bih, bhh, whr, wci, wcf, wco);
    }

    /** The values as the backend reads them. */
    DirectionWeights dense() {
        return weights(slots().stream().map(RecurrentLayerFunction::dense).toArray(float[][]::new));
    }

    /** Arrays in slot order as named weights. */
    static DirectionWeights weights(float[][] a) {
        return new DirectionWeights(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]);
    }
}
