package org.rnn4j.tasks.forecast;

import java.io.IOException;
import java.io.UncheckedIOException;
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
        return train(net, listener, localGradients(), TrainingEngine.local());
    }

    /**
     * Trains {@code net} in place with each batch's loss and gradient from {@code gradients} (the
     * driver keeps the optimizer, the clip, the schedule and the validation), saving a
     * {@link TrainerState} to {@code engine}'s checkpoint every {@code checkpointEvery} batches and,
     * with {@code resume}, going on from the state saved there. It ends with the best epoch's
     * weights, in eval mode.
     *
     * @throws IllegalArgumentException if {@code resume} finds no state, or one another run wrote
     * @throws UncheckedIOException if the checkpoint cannot be read or written
     */
    public Result train(ForecastNet net, TrainingListener listener, BatchGradients gradients, TrainingEngine engine) {
        int[] origins = range(plan.firstTrainOrigin(), plan.lastTrainOrigin());
        int[] validation = range(plan.firstValidationOrigin(), plan.lastValidationOrigin());
        Adam adam = new Adam(net.parameters(), Adam.options().lr(options.lr()).weightDecay(options.weightDecay()));
        int batch = Math.min(options.batchSize(), origins.length);
        int batches = Math.min(options.maxBatchesPerEpoch(),
                Math.max(MIN_BATCHES, (origins.length + batch - 1) / batch));
        String run = fingerprint(net);
        TrainingProgress p = engine.resume() ? TrainingProgress.resume(load(engine, run), net, adam)
                : TrainingProgress.start(snapshot(net), origins.length);
        Random random = new Random(options.seed());
        for (int s = 0; s < p.shuffles; s++) shuffle(origins, random); // the order a resumed run had reached
        for (int epoch = p.epoch; epoch <= options.epochs(); epoch = p.epoch) {
            double lr = learningRate(epoch);
            adam.setLr(lr);
            net.train();
            for (int k = p.batchInEpoch; k < batches; k++) {
                if (p.next + batch > origins.length) {
                    shuffle(origins, random);
                    p.shuffles++;
                    p.next = 0;
                }
                int[] chosen = java.util.Arrays.copyOfRange(origins, p.next, p.next + batch);
                p.next += batch;
                adam.zeroGrad();
                double l = gradients.compute(net, chosen);
                Clip.clipGradNorm(net.parameters(), CLIP);
                adam.step();
                if (!Double.isFinite(l)) {
                    throw new IllegalStateException("training diverged: the loss is " + l + " in epoch " + epoch);
                }
                p.epochLossSum += l;
                p.step++;
                p.batchInEpoch = k + 1;
                if (engine.checkpointEvery() > 0 && p.step % engine.checkpointEvery() == 0) {
                    save(engine, p.state(run, net, adam));
                }
            }
            double val = evaluate(net, validation);
            double trainLoss = p.epochLossSum / batches;
            p.endEpoch(trainLoss, val, net);
            listener.onEpoch(new TrainingListener.EpochReport(epoch, options.epochs(), trainLoss, val, p.bestEpoch,
                    p.bestLoss, lr));
            if (epoch - p.bestEpoch >= options.patience()) break;
        }
        net.loadStateDict(p.best);
        net.eval();
        return new Result(List.copyOf(p.trainLoss), List.copyOf(p.validationLoss), p.bestEpoch);
    }

    /** The loss and gradient of each batch computed in this JVM: {@link #loss} of the whole batch, backward. */
    public BatchGradients localGradients() {
        return (net, origins) -> {
            Tensor loss = loss(net, batch(origins), origins.length);
            loss.backward();
            return loss.item();
        };
    }

    /**
     * The training loss's share from the windows of {@code w}, part of a batch of
     * {@code batchSize} windows: Σ |ŷ − y| / (batchSize · H) over w's windows and steps. For
     * {@code batchSize} = w's windows it is the batch's mean L1 loss; over the parts of a batch the
     * shares and their gradients add up to the batch's (what a data-parallel driver sums).
     */
    public static Tensor loss(ForecastNet net, WindowBatch w, int batchSize) {
        if (batchSize < w.origins().length) {
            throw new IllegalArgumentException("loss: batch_size must be >= the " + w.origins().length
                    + " windows of this share, got " + batchSize);
        }
        return net.forward(w.input(), w.base()).sub(w.target()).abs().sum()
                .div((float) batchSize * net.horizon());
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

    /** The run's fingerprint: a checkpoint resumes only the run that wrote it. */
    private String fingerprint(ForecastNet net) {
        return String.join(";", net.toString(), plan.toString(), "points=" + series.length(),
                "target=" + java.util.Arrays.hashCode(series.target()),
                "features=" + java.util.Arrays.deepHashCode(series.features()), "seed=" + options.seed(),
                "epochs=" + options.epochs(), "lr=" + options.lr(), "batch=" + options.batchSize(),
                "patience=" + options.patience(), "max_batches=" + options.maxBatchesPerEpoch(),
                "weight_decay=" + options.weightDecay());
    }

    private static TrainerState load(TrainingEngine engine, String run) {
        TrainerState s;
        try {
            s = engine.checkpoint().load().orElseThrow(() -> new IllegalArgumentException(
                    "resume: there is no checkpoint to resume from (" + engine.checkpoint() + ")"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!s.run().equals(run)) {
            throw new IllegalArgumentException("resume: the checkpoint " + engine.checkpoint() + " was written by"
                    + " another run (expected " + run + ", got " + s.run() + ")");
        }
        return s;
    }

    private static void save(TrainingEngine engine, TrainerState state) {
        try {
            engine.checkpoint().save(state);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    static Map<String, Tensor> snapshot(ForecastNet net) {
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
