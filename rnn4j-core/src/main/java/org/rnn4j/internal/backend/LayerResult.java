package org.rnn4j.internal.backend;

/**
 * What {@link RecurrentBackend#forward} returns.
 *
 * @param output [N, D*P] every step's hidden state by time ([T, B, D*P], or packed as x), the directions side by side
 * @param hn     [D, B, P] each row's state after its own last step, per direction
 * @param cn     [D, B, H] the LSTM cell state likewise, else null
 * @param saved  what backward needs (null after an inference call); opaque to the caller
 */
public record LayerResult(float[] output, float[] hn, float[] cn, Saved saved) {
    /** A backend's own record of a training forward: its workspaces, until backward or release. */
    public interface Saved {
        /** Frees the workspaces (backward was run, or will never be). */
        void release();
    }
}
