package org.rnn4j.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.rnn4j.data.TextLanes;
import org.rnn4j.io.Models;
import org.rnn4j.nn.CellType;
import org.rnn4j.nn.RecurrentConfig;
import org.rnn4j.nn.RecurrentState;
import org.rnn4j.tasks.text.CharLanguageModel;
import org.rnn4j.tasks.text.TextOptions;
import org.rnn4j.tasks.text.TextTrainer;
import org.rnn4j.tasks.text.WindowGradients;

/**
 * Synchronous data-parallel training of the character language model on Spark, the driver's
 * side: the {@link WindowGradients} a {@link TextTrainer} trains through, so that the clip, Adam,
 * the schedule, the carried state, validation and checkpoints (the format of single-JVM
 * {@code text train}, which either side resumes) are the trainer's own:
 * <pre>
 *   try (SparkTextTrain spark = SparkTextTrain.open(sc, SparkTraining.options().partitions(4), options)) {
 *       TextTrainer t = TextTrainer.start(corpus, options, spark);   // or TextTrainer.resume(...)
 *       t.run(checkpointFile, listener);
 *   }
 * </pre>
 * On the first window the model's self-describing file is broadcast (an executor JVM builds the
 * model from it once, {@link ExecutorModels}). Each step then:
 * <ol>
 *   <li>splits the window's B lanes into P contiguous parts (part i: lanes ⌊iB/P⌋ .. ⌊(i+1)B/P⌋ − 1;
 *       P at most B), one partition and task each, each part carrying its characters and its lanes'
 *       state (the driver keeps the state of every lane between steps);</li>
 *   <li>ships the step's weights (a broadcast, or in the task closure: {@link WeightShipping});</li>
 *   <li>each task computes its lanes' share of the loss, mean CE · b/B, its gradient and its
 *       lanes' state after the window ({@link LaneGradient});</li>
 *   <li>treeAggregate sums the shares exactly ({@link ExactSum}) and gathers the states;</li>
 *   <li>the gradient lands in the driver's parameters, where the trainer clips it and Adam steps.</li>
 * </ol>
 * A lane's state depends only on its own characters and state, so it is the lane's state in
 * single-JVM training (up to float rounding), and the shares' gradients add up to the window's.
 * With one part it is single-JVM training bit for bit. Dropout is refused: single-JVM training
 * draws one mask over all lanes from the driver's generator, which the parts cannot reproduce.
 * Not thread-safe.
 */
public final class SparkTextTrain implements WindowGradients {
    private final JavaSparkContext sc;
    private final SparkTraining options;
    private final int partitions;
    private Broadcast<ModelFile> model; // on the first window
    private LaneGradient.Shared shared;
    private SparkGradients.StepTiming last;

    private SparkTextTrain(JavaSparkContext sc, SparkTraining options) {
        this.sc = sc;
        this.options = options;
        this.partitions = options.partitions() > 0 ? options.partitions() : sc.defaultParallelism();
    }

    /**
     * The Spark computation of a run of {@code text}'s windows on {@code sc}; close it when the run ends.
     *
     * @throws IllegalArgumentException if {@code text} asks for dropout ({@link #requireSupported})
     */
    public static SparkTextTrain open(JavaSparkContext sc, SparkTraining options, TextOptions text) {
        if (sc == null || options == null) {
            throw new IllegalArgumentException("SparkTextTrain: sc and options must not be null");
        }
        requireSupported(text);
        return new SparkTextTrain(sc, options);
    }

    /**
     * Checks that a run of {@code text} can train on Spark as it trains in one JVM.
     *
     * @throws IllegalArgumentException if its dropout is not 0
     */
    public static void requireSupported(TextOptions text) {
        if (text.dropout() != 0) {
            throw new IllegalArgumentException("dropout must be 0 on Spark, got " + text.dropout() + ": single-JVM "
                    + "training draws one dropout mask over all lanes from the driver's generator, which tasks holding "
                    + "some of the lanes cannot reproduce (train with dropout in one JVM)");
        }
    }

    /** The parts each window is split into (at most its lanes). */
    public int partitions() {
        return partitions;
    }

    /** The SHA-256 of the broadcast model file (the key of executors' models), or null before the first window. */
    String modelHash() {
        return shared == null ? null : shared.hash();
    }

    /** The timing of the last step, or null before the first. */
    public SparkGradients.StepTiming lastStep() {
        return last;
    }

    @Override
    public Result compute(CharLanguageModel m, TextLanes.Window w, RecurrentState state, int step) {
        if (m.dropout() != 0) {
            throw new IllegalArgumentException("SparkTextTrain: dropout must be 0 on Spark, got a model with "
                    + m.dropout());
        }
        long start = System.nanoTime();
        if (model == null) {
            ModelFile file = fileOf(m);
            model = sc.broadcast(file);
            shared = new LaneGradient.Shared(model, file.sha256(), ModelLoader.charLanguageModel(), options.faults());
        }
        float[] weights = Weights.flatten(m);
        Broadcast<float[]> shipped = options.shipping() == WeightShipping.BROADCAST ? sc.broadcast(weights) : null;
        SliceGradient.StepWeights stepWeights = shipped != null ? SliceGradient.StepWeights.broadcast(shipped)
                : SliceGradient.StepWeights.inline(weights);
        try {
            List<LaneGradient.Slice> slices = slices(w, state, partitions);
            LaneSum sum = sc.parallelize(slices, slices.size()).treeAggregate(LaneSum.empty(),
                    new LaneGradient(shared, stepWeights, step), LaneSum::plus, options.depth());
            float[] total = sum.gradients().total();
            if (total.length != weights.length + 1) {
                throw new IllegalStateException("the tasks returned " + (total.length - 1) + " gradients for "
                        + weights.length + " weights");
            }
            Weights.setGradients(m, total);
            RecurrentConfig rc = m.config();
            RecurrentState after = sum.state(rc.numLayers(), w.input().shape()[0], rc.hiddenSize(),
                    rc.cell() == CellType.LSTM);
            GradientSum g = sum.gradients();
            last = new SparkGradients.StepTiming(System.nanoTime() - start, g.maxNanos(), g.sumNanos(), g.parts());
            return new Result(total[weights.length], after);
        } finally {
            if (shipped != null) shipped.destroy();
        }
    }

    /**
     * min(P, B) contiguous parts of the window's lanes with their characters and carried state:
     * part i holds lanes ⌊iB/P⌋ .. ⌊(i+1)B/P⌋ − 1.
     */
    static List<LaneGradient.Slice> slices(TextLanes.Window w, RecurrentState state, int parts) {
        int batch = w.input().shape()[0];
        int t = w.input().shape()[1];
        int p = Math.min(parts, batch);
        long[] input = w.input().contiguous().toLongArray();
        long[] target = w.target().contiguous().toLongArray();
        float[] h = state == null ? null : state.h().contiguous().toFloatArray();
        float[] c = state == null || state.c() == null ? null : state.c().contiguous().toFloatArray();
        int layers = state == null ? 0 : state.h().shape()[0];
        int hidden = state == null ? 0 : state.h().shape()[2];
        List<LaneGradient.Slice> out = new ArrayList<>(p);
        for (int i = 0; i < p; i++) {
            int from = (int) ((long) i * batch / p);
            int to = (int) ((long) (i + 1) * batch / p);
            out.add(new LaneGradient.Slice(from, to - from, batch, Arrays.copyOfRange(input, from * t, to * t),
                    Arrays.copyOfRange(target, from * t, to * t), lanes(h, layers, batch, hidden, from, to),
                    lanes(c, layers, batch, hidden, from, to)));
        }
        return out;
    }

    /** Lanes [from, to) of a state [L, B, H] as a flat [L, to − from, H]; null stays null. */
    private static float[] lanes(float[] s, int layers, int batch, int hidden, int from, int to) {
        if (s == null) return null;
        int n = to - from;
        float[] out = new float[layers * n * hidden];
        for (int l = 0; l < layers; l++) {
            System.arraycopy(s, (l * batch + from) * hidden, out, l * n * hidden, n * hidden);
        }
        return out;
    }

    /** Releases the run's broadcast model file. */
    @Override
    public void close() {
        if (model != null) model.destroy();
        model = null;
    }

    /** The model's self-describing file, as bytes. */
    static ModelFile fileOf(CharLanguageModel m) {
        return ModelFile.written(file -> Models.save(file, m));
    }
}
