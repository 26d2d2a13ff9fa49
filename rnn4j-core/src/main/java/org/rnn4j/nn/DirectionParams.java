package org.rnn4j.nn;

import org.rnn4j.tensor.Tensor;

/**
 * The parameters of one direction of one layer; absent ones are null.
 *
 * @param wih [G*H, I]   @param whh [G*H, P]   @param bih, bhh [G*H]
 * @param whr [P, H] (LSTM proj_size)   @param wci, wcf, wco [H] (LSTM peepholes)
 */
record DirectionParams(Tensor wih, Tensor whh, Tensor bih, Tensor bhh, Tensor whr,
                       Tensor wci, Tensor wcf, Tensor wco) {
    static final int COUNT = 8;

    Tensor[] toArray() {
        return new Tensor[] {wih, whh, bih, bhh, whr, wci, wcf, wco};
    }
}
