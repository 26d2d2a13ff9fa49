package org.rnn4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.rnn4j.nn.RecurrentState;
import org.rnn4j.tensor.Tensor;

/**
 * What treeAggregate carries in a text training step: the parts' gradients and loss shares,
 * summed exactly ({@link GradientSum}), and each part's lanes' state after the window, kept side
 * by side (states are not summed: every lane's belongs to one part). Combining parts in any order
 * and tree gives the same result.
 */
final class LaneSum implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * The state after the window of lanes [from, from + lanes).
     *
     * @param h [L, lanes, H] flattened
     * @param c [L, lanes, H] flattened, for LSTM; else null
     */
    record LaneState(int from, int lanes, float[] h, float[] c) implements Serializable {}

    private GradientSum gradients = GradientSum.empty();
    private final List<LaneState> states = new ArrayList<>();

    private LaneSum() {}

    /** No parts yet: treeAggregate's zero value. */
    static LaneSum empty() {
        return new LaneSum();
    }

    /** One part: its gradients with its loss share last, computed in {@code nanos}, and its lanes' state. */
    static LaneSum of(float[] gradients, long nanos, LaneState state) {
        LaneSum s = new LaneSum();
        s.gradients = GradientSum.of(gradients, nanos);
        s.states.add(state);
        return s;
    }

    /** This plus {@code other}: this one, changed (treeAggregate allows it). */
    LaneSum plus(LaneSum other) {
        gradients = gradients.plus(other.gradients);
        states.addAll(other.states);
        return this;
    }

    GradientSum gradients() {
        return gradients;
    }

    /**
     * The state of all {@code batch} lanes, [L, B, H] (c too when {@code lstm}), put together from
     * the parts' lanes.
     *
     * @throws IllegalStateException if the parts' lanes do not cover [0, B) once each
     */
    RecurrentState state(int layers, int batch, int hidden, boolean lstm) {
        float[] h = new float[layers * batch * hidden];
        float[] c = lstm ? new float[h.length] : null;
        boolean[] seen = new boolean[batch];
        for (LaneState s : states) {
            for (int b = s.from(); b < s.from() + s.lanes(); b++) {
                if (b < 0 || b >= batch || seen[b]) {
                    throw new IllegalStateException("the tasks returned the state of lane " + b + " twice or outside the"
                            + " " + batch + " lanes");
                }
                seen[b] = true;
            }
            if (s.h().length != layers * s.lanes() * hidden || lstm != (s.c() != null)) {
                throw new IllegalStateException("the tasks returned a state of " + s.h().length + " values for "
                        + s.lanes() + " lanes, expected " + layers + " x " + s.lanes() + " x " + hidden
                        + (lstm ? " with c" : ""));
            }
            for (int l = 0; l < layers; l++) {
                int src = l * s.lanes() * hidden;
                int dst = (l * batch + s.from()) * hidden;
                System.arraycopy(s.h(), src, h, dst, s.lanes() * hidden);
                if (lstm) System.arraycopy(s.c(), src, c, dst, s.lanes() * hidden);
            }
        }
        for (int b = 0; b < batch; b++) {
            if (!seen[b]) throw new IllegalStateException("the tasks returned no state for lane " + b);
        }
        return new RecurrentState(Tensor.of(h, layers, batch, hidden), lstm ? Tensor.of(c, layers, batch, hidden) : null);
    }
}
