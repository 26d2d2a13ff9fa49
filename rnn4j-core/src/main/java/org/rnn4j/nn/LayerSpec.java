package org.rnn4j.nn;

import org.rnn4j.tensor.cpu.rnn.CellKernel;
import org.rnn4j.tensor.cpu.rnn.GruCellKernel;
import org.rnn4j.tensor.cpu.rnn.LstmCellKernel;
import org.rnn4j.tensor.cpu.rnn.RnnCellKernel;

/**
 * What one recurrent layer computes: the cell family and its activations, sizes, directions.
 *
 * @param hidden     H, the cell's hidden size
 * @param outHidden  P, the size of h fed back and emitted (= H unless LSTM proj_size)
 * @param directions 1 or 2
 * @param act        RNN nonlinearity, or the LSTM's g/h activation
 * @param gateAct    the LSTM's gate activation
 */
record LayerSpec(CellType type, int hidden, int outHidden, int directions,
                 Activation act, Activation gateAct, boolean peephole) {

    CellKernel kernel(float[] wci, float[] wcf, float[] wco) {
        switch (type) {
            case RNN: return new RnnCellKernel(act);
            case GRU: return new GruCellKernel();
            default: return new LstmCellKernel(act, gateAct, wci, wcf, wco);
        }
    }
}
