package org.rnn4j.tasks.forecast;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rnn4j.optim.Optimizer;
import org.rnn4j.tensor.Tensor;

/** {@link ForecastTrainer}'s bookkeeping between batches, to and from a {@link TrainerState}. */
final class TrainingProgress {
    int step;
    int epoch = 1;
    int batchInEpoch;
    int next;
    int shuffles;
    double epochLossSum;
    final List<Double> trainLoss = new ArrayList<>();
    final List<Double> validationLoss = new ArrayList<>();
    int bestEpoch;
    double bestLoss = Double.POSITIVE_INFINITY;
    Map<String, Tensor> best;

    private TrainingProgress() {}

    /** A fresh run: the window order is shuffled before the first batch ({@code next} past the end). */
    static TrainingProgress start(Map<String, Tensor> initialWeights, int windows) {
        TrainingProgress p = new TrainingProgress();
        p.best = initialWeights;
        p.next = windows;
        return p;
    }

    /** Loads {@code s}'s weights into {@code net} and {@code optimizer} and returns its bookkeeping. */
    static TrainingProgress resume(TrainerState s, ForecastNet net, Optimizer optimizer) {
        net.loadStateDict(s.model());
        optimizer.loadStateDict(s.optimizer());
        TrainingProgress p = new TrainingProgress();
        TrainerState.Position at = s.position();
        p.step = at.step();
        p.epoch = at.epoch();
        p.batchInEpoch = at.batchInEpoch();
        p.next = at.next();
        p.shuffles = at.shuffles();
        TrainerState.History h = s.history();
        p.trainLoss.addAll(h.trainLoss());
        p.validationLoss.addAll(h.validationLoss());
        p.epochLossSum = h.epochLossSum();
        p.bestEpoch = h.bestEpoch();
        p.bestLoss = h.bestLoss();
        p.best = copy(s.best());
        return p;
    }

    /** Records an epoch's scores, keeps the weights if it is the best so far, and moves to the next epoch. */
    void endEpoch(double train, double validation, ForecastNet net) {
        trainLoss.add(train);
        validationLoss.add(validation);
        if (validation < bestLoss) {
            bestLoss = validation;
            bestEpoch = epoch;
            best = ForecastTrainer.snapshot(net);
        }
        epoch++;
        batchInEpoch = 0;
        epochLossSum = 0;
    }

    /** The state to checkpoint now (copies: training goes on changing the weights). */
    TrainerState state(String run, ForecastNet net, Optimizer optimizer) {
        return new TrainerState(run, new TrainerState.Position(step, epoch, batchInEpoch, next, shuffles),
                new TrainerState.History(trainLoss, validationLoss, epochLossSum, bestEpoch, bestLoss),
                ForecastTrainer.snapshot(net), copy(best), optimizer.stateDict());
    }

    private static Map<String, Tensor> copy(Map<String, Tensor> m) {
        Map<String, Tensor> c = new java.util.LinkedHashMap<>();
        m.forEach((k, v) -> c.put(k, v.copy()));
        return c;
    }
}
