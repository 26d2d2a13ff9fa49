package org.rnn4j.internal.backend;

/**
 * What {@link RecurrentBackend#forward} returns.
 *
 * @param output [T, B, D*P] every step's hidden state, the directions side by side
 * @param hn     [D, B, P] the state after the last step of each direction
 * @param cn     [D, B, H] the LSTM cell state after the last step, else null
 * @param saved  what backward needs (null after an inference call); opaque to the caller
 */
public record LayerResult(float[] output, float[] hn, float[] cn, Saved saved) {
    /** A backend's own record of a training forward: its workspaces, until backward or release. */
    public interface Saved {
        /** Frees the workspaces (backward was run, or will never be). */
        void release();
    }
}
