package org.rnn4j.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rnn4j.nn.LSTM;
import org.rnn4j.nn.LSTMOutput;
import org.rnn4j.nn.Linear;
import org.rnn4j.nn.MSELoss;
import org.rnn4j.nn.Module;
import org.rnn4j.optim.Adam;
import org.rnn4j.optim.lr.StepLR;
import org.rnn4j.tensor.Generator;
import org.rnn4j.tensor.Tensor;

/**
 * A small training run with everything a checkpoint must carry for an exact resume: a model with
 * dropout (the default generator), Adam, a StepLR schedule, a data loader that reshuffles every
 * epoch from its own generator and stands at a position inside its order, and an LSTM state
 * carried (detached) from one batch to the next.
 */
final class TinyRun {
    static final int SAMPLES = 12;
    static final int BATCH = 4;
    static final int STEPS_IN_TIME = 5;

    /** LSTM(3, 8, 2 layers, dropout 0.25) + Linear(8, 1) at every step. */
    static final class Net extends Module {
        final LSTM lstm = registerModule("lstm", new LSTM(3, 8, LSTM.options().numLayers(2).dropout(0.25)));
        final Linear head = registerModule("head", new Linear(8, 1));
    }

    final Net net;
    final Adam adam;
    final StepLR schedule;
    final Generator shuffle;
    private final float[] inputs;
    private final float[] targets;
    long step;
    long epoch;
    long[] order;
    int position;
    Tensor h;
    Tensor c;

    /** A run whose weights come from {@code seed} (different seeds: different starting weights, same data). */
    TinyRun(long seed) {
        Tensor.manualSeed(seed);
        net = new Net();
        adam = new Adam(net.parameters(), Adam.options().lr(1e-2).weightDecay(1e-3));
        schedule = new StepLR(adam, 5, 0.7);
        shuffle = new Generator(seed + 1);
        Generator data = new Generator(99);
        inputs = Tensor.randn(data, SAMPLES, STEPS_IN_TIME, 3).toFloatArray();
        targets = Tensor.randn(data, SAMPLES, STEPS_IN_TIME, 1).toFloatArray();
        h = Tensor.zeros(2, BATCH, 8);
        c = Tensor.zeros(2, BATCH, 8);
    }

    TrainingState live() {
        return TrainingState.of(net).optimizer(adam).scheduler(schedule)
                .generator("default", Generator.defaultGenerator()).generator("shuffle", shuffle);
    }

    Checkpoint values() {
        Checkpoint v = Checkpoint.at(step).withEpoch(epoch).withLong("loader.position", position)
                .withTensor("hidden.h", h).withTensor("hidden.c", c).withMetadata("run", "tiny");
        return order == null ? v : v.withTensor("loader.order", Tensor.ofLongs(order, order.length));
    }

    void resume(Checkpoint v) {
        step = v.step();
        epoch = v.epoch();
        position = Math.toIntExact(v.longValue("loader.position"));
        order = v.tensors().containsKey("loader.order") ? v.tensor("loader.order").toLongArray() : null;
        h = v.tensor("hidden.h");
        c = v.tensor("hidden.c");
    }

    /** One optimizer step on the next batch of the shuffled order. */
    void step() {
        if (order == null) order = permutation();
        Tensor x = batch(inputs, 3);
        Tensor y = batch(targets, 1);
        adam.zeroGrad();
        LSTMOutput out = net.lstm.forward(x, h, c);
        Tensor loss = new MSELoss().forward(net.head.forward(out.output()), y);
        loss.backward();
        adam.step();
        schedule.step();
        h = out.h().detach();
        c = out.c().detach();
        step++;
        position += BATCH;
        if (position >= SAMPLES) {
            position = 0;
            epoch++;
            order = null;
        }
    }

    /** Fisher-Yates from the shuffle generator. */
    private long[] permutation() {
        long[] p = new long[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) p[i] = i;
        for (int i = SAMPLES - 1; i > 0; i--) {
            int j = shuffle.nextInt(i + 1);
            long t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** Samples order[position .. position + BATCH) as a time-major [T, B, width] batch. */
    private Tensor batch(float[] all, int width) {
        float[] out = new float[STEPS_IN_TIME * BATCH * width];
        for (int b = 0; b < BATCH; b++) {
            int sample = (int) order[position + b];
            for (int t = 0; t < STEPS_IN_TIME; t++) {
                System.arraycopy(all, (sample * STEPS_IN_TIME + t) * width, out, (t * BATCH + b) * width, width);
            }
        }
        return Tensor.of(out, STEPS_IN_TIME, BATCH, width);
    }

    /** Copies of the model's parameters, by name. */
    Map<String, float[]> weights() {
        Map<String, float[]> out = new java.util.LinkedHashMap<>();
        net.namedParameters().forEach((k, v) -> out.put(k, v.toFloatArray()));
        return out;
    }

    /** Fails, naming the first differing position, unless both lists of state bits are equal. */
    static void assertSameBits(List<Integer> want, List<Integer> got, String what) {
        if (want.equals(got)) return;
        int i = 0;
        while (i < Math.min(want.size(), got.size()) && want.get(i).equals(got.get(i))) i++;
        throw new AssertionError(what + ": state differs at number " + i + " of " + want.size() + " (" + got.size()
                + " found)");
    }

    /** Every number of the model's, the optimizer's and the scheduler's state, as float bits. */
    List<Integer> stateBits() {
        List<Integer> out = new ArrayList<>();
        for (Map<String, Tensor> sd : List.of(net.stateDict(), adam.stateDict(), schedule.stateDict())) {
            for (Tensor t : sd.values()) for (float f : t.toFloatArray()) out.add(Float.floatToRawIntBits(f));
        }
        return out;
    }
}
