package org.rnn4j.tasks.forecast;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.rnn4j.autograd.GradMode;
import org.rnn4j.optim.Adam;
import org.rnn4j.optim.Clip;
import org.rnn4j.tensor.Tensor;

/**
 * Trains a {@link ForecastNet} on the training windows of a plan: shuffled mini-batches, one pass
 * over the windows an epoch but at least {@link #MIN_BATCHES} batches (short series would take too
 * few steps) and at most {@link ForecastOptions#maxBatchesPerEpoch()} (long ones too many), L1 loss in normalised units, gradients
 * clipped to norm 1, Adam with a cosine-annealed learning rate. After each epoch the validation
 * windows are scored; the weights of the best epoch are kept and restored at the end, and training
 * stops after {@link ForecastOptions#patience()} epochs without improvement.
 */
public final class ForecastTrainer {
    /** An epoch takes at least this many batches, drawn from the shuffled windows in turn. */
    static final int MIN_BATCHES = 16;
    /** Validation windows are scored in batches of this many. */
    static final int EVAL_BATCH = 512;
    /** Gradient norm clip. */
    static final double CLIP = 1.0;
    /** The learning rate anneals down to this share of its peak. */
    static final double MIN_LR_SHARE = 0.05;

    /** Losses by epoch and the epoch whose weights were kept. */
    public record Result(List<Double> trainLoss, List<Double> validationLoss, int bestEpoch) {
        public int epochs() {
            return trainLoss.size();
        }
    }

    private final Series series;
    private final ForecastPlan plan;
    private final WindowScaler scaler;
    private final ForecastOptions options;

    public ForecastTrainer(Series series, ForecastPlan plan, WindowScaler scaler, ForecastOptions options) {
        this.series = series;
        this.plan = plan;
        this.scaler = scaler;
        this.options = options;
    }

    /** Trains {@code net} in place; it ends with the best epoch's weights, in eval mode. */
    public Result train(ForecastNet net, TrainingListener listener) {
        Random random = new Random(options.seed());
        int[] origins = range(plan.firstTrainOrigin(), plan.lastTrainOrigin());
        int[] validation = range(plan.firstValidationOrigin(), plan.lastValidationOrigin());
        Adam adam = new Adam(net.parameters(), Adam.options().lr(options.lr()).weightDecay(options.weightDecay()));
        List<Double> trainLoss = new ArrayList<>();
        List<Double> validationLoss = new ArrayList<>();
        Map<String, Tensor> best = snapshot(net);
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        int batch = Math.min(options.batchSize(), origins.length);
        int batches = Math.min(options.maxBatchesPerEpoch(),
                Math.max(MIN_BATCHES, (origins.length + batch - 1) / batch));
        int next = origins.length; // the next window to draw; at the end, the windows are shuffled again
        for (int epoch = 1; epoch <= options.epochs(); epoch++) {
            double lr = learningRate(epoch);
            adam.setLr(lr);
            net.train();
            double sum = 0;
            for (int k = 0; k < batches; k++) {
                if (next + batch > origins.length) {
                    shuffle(origins, random);
                    next = 0;
                }
                int[] chosen = java.util.Arrays.copyOfRange(origins, next, next + batch);
                next += batch;
                WindowBatch w = batch(chosen);
                adam.zeroGrad();
                Tensor loss = net.forward(w.input(), w.base()).sub(w.target()).abs().mean();
                loss.backward();
                Clip.clipGradNorm(net.parameters(), CLIP);
                adam.step();
                double l = loss.item();
                if (!Double.isFinite(l)) {
                    throw new IllegalStateException("training diverged: the loss is " + l + " in epoch " + epoch);
                }
                sum += l;
            }
            double val = evaluate(net, validation);
            trainLoss.add(sum / batches);
            validationLoss.add(val);
            if (val < bestLoss) {
                bestLoss = val;
                bestEpoch = epoch;
                best = snapshot(net);
            }
            listener.onEpoch(new TrainingListener.EpochReport(epoch, options.epochs(), sum / batches, val, bestEpoch,
                    bestLoss, lr));
            if (epoch - bestEpoch >= options.patience()) break;
        }
        net.loadStateDict(best);
        net.eval();
        return new Result(List.copyOf(trainLoss), List.copyOf(validationLoss), bestEpoch);
    }

    /** Mean L1 loss (normalised units) of {@code net} over the windows ending at {@code origins}. */
    double evaluate(ForecastNet net, int[] origins) {
        net.eval();
        double sum = 0;
        try (var off = GradMode.noGrad()) {
            for (int from = 0; from < origins.length; from += EVAL_BATCH) {
                int[] chosen = java.util.Arrays.copyOfRange(origins, from, Math.min(origins.length, from + EVAL_BATCH));
                WindowBatch w = batch(chosen);
                sum += net.forward(w.input(), w.base()).sub(w.target()).abs().mean().item() * chosen.length;
            }
        }
        return sum / origins.length;
    }

    private WindowBatch batch(int[] origins) {
        return WindowBatch.of(series, scaler, plan.lookback(), plan.horizon(), plan.season(), origins);
    }

    /** Cosine annealing from the peak rate at epoch 1 to {@link #MIN_LR_SHARE} of it at the last epoch. */
    private double learningRate(int epoch) {
        double peak = options.lr();
        double min = peak * MIN_LR_SHARE;
        double progress = options.epochs() <= 1 ? 0 : (epoch - 1) / (double) (options.epochs() - 1);
        return min + (peak - min) * 0.5 * (1 + Math.cos(Math.PI * progress));
    }

    private static Map<String, Tensor> snapshot(ForecastNet net) {
        Map<String, Tensor> copy = new LinkedHashMap<>();
        net.stateDict().forEach((k, v) -> copy.put(k, v.copy()));
        return copy;
    }

    static int[] range(int first, int last) {
        int[] r = new int[Math.max(0, last - first + 1)];
        for (int i = 0; i < r.length; i++) r[i] = first + i;
        return r;
    }

    private static void shuffle(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
