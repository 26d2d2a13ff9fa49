package org.rnn4j.optim;

import java.util.Map;
import org.rnn4j.tensor.Tensor;

/**
 * Guards a training loop against divergence: call {@link #check} after {@code backward()} and
 * take the optimizer step only if it returns true. A NaN or infinite loss or gradient either
 * stops training ({@link Policy#STOP}: a {@link TrainingDivergedException} naming the iteration
 * and the parameter) or skips that step ({@link Policy#SKIP}); either way the weights stay those
 * of the last good step.
 *
 * <pre>{@code
 * TrainingGuard guard = new TrainingGuard(model.namedParameters(), TrainingGuard.Policy.STOP);
 * loss.backward();
 * if (guard.check(iteration, loss.item())) optimizer.step();
 * }</pre>
 */
public final class TrainingGuard {
    /** What to do when the loss or a gradient is not finite. */
    public enum Policy { STOP, SKIP }

    private final Map<String, Tensor> namedParams;
    private final Policy policy;
    private int skipped;

    public TrainingGuard(Map<String, Tensor> namedParams, Policy policy) {
        if (namedParams == null) throw new IllegalArgumentException("namedParams must not be null");
        if (policy == null) throw new IllegalArgumentException("policy must not be null");
        this.namedParams = new java.util.LinkedHashMap<>(namedParams);
        this.policy = policy;
    }

    /**
     * @return true if the step may be taken; false if it must be skipped (SKIP policy)
     * @throws TrainingDivergedException under the STOP policy
     */
    public boolean check(int iteration, float loss) {
        String problem = null;
        String parameter = null;
        if (!Float.isFinite(loss)) {
            problem = "loss is " + loss;
        } else {
            try {
                Optimizer.checkFinite(namedParams);
            } catch (NonFiniteGradientException e) {
                parameter = e.parameterName();
                problem = "gradient of " + parameter + " is " + e.value() + " at element " + e.elementIndex();
            }
        }
        if (problem == null) return true;
        if (policy == Policy.SKIP) {
            skipped++;
            return false;
        }
        throw new TrainingDivergedException(iteration, parameter, "training diverged at iteration " + iteration
                + ": " + problem + "; the weights of the last good step are kept (try a smaller learning rate)");
    }

    /** How many steps were skipped so far (SKIP policy). */
    public int skipped() {
        return skipped;
    }
}
