package org.rnn4j.tasks.forecast;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnn4j.tensor.Tensor;

/**
 * Everything {@link ForecastTrainer} needs to go on exactly where it stopped: the weights, the
 * optimizer's state, the best epoch's weights and scores, and the position in the shuffled window
 * order (the order itself is not stored: it is replayed from the seed, {@code shuffles} times).
 * A run resumed from it ends with the same weights, bit for bit, as one that never stopped.
 *
 * @param run       a fingerprint of the options, plan, series and net: a state is only resumed by
 *                  the run that wrote it
 * @param model     the net's state dict
 * @param best      the state dict of the best epoch so far (the initial weights before any)
 * @param optimizer Adam's state dict
 */
public record TrainerState(String run, Position position, History history, Map<String, Tensor> model,
                           Map<String, Tensor> best, Map<String, Tensor> optimizer) {
    public TrainerState {
        model = ordered(model);
        best = ordered(best);
        optimizer = ordered(optimizer);
    }

    private static Map<String, Tensor> ordered(Map<String, Tensor> m) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    /**
     * Where training stands.
     *
     * @param step         batches trained in all
     * @param epoch        the current epoch (1-based)
     * @param batchInEpoch batches of the current epoch done (all of them: its validation is next)
     * @param next         the next window in the shuffled order
     * @param shuffles     how often the order has been shuffled
     */
    public record Position(int step, int epoch, int batchInEpoch, int next, int shuffles) {}

    /**
     * The scores so far.
     *
     * @param epochLossSum the summed batch losses of the current epoch
     */
    public record History(List<Double> trainLoss, List<Double> validationLoss, double epochLossSum, int bestEpoch,
                          double bestLoss) {
        public History {
            trainLoss = List.copyOf(trainLoss);
            validationLoss = List.copyOf(validationLoss);
        }
    }
}
