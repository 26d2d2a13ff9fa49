package org.rnn4j.examples;

import java.util.List;
import java.util.Random;
import org.rnn4j.autograd.GradMode;
import org.rnn4j.nn.GRU;
import org.rnn4j.nn.LSTM;
import org.rnn4j.nn.LSTMOutput;
import org.rnn4j.nn.Linear;
import org.rnn4j.nn.MSELoss;
import org.rnn4j.nn.Module;
import org.rnn4j.nn.RNN;
import org.rnn4j.nn.RecurrentOutput;
import org.rnn4j.optim.Adam;
import org.rnn4j.tensor.Tensor;

/**
 * The tutorial's sine-wave forecaster: a recurrent net (hidden 16, 2 layers, batch_first) with a
 * Linear head learns x_{t+1} from x_t on windows of 50 points of sin over [s, s+10], s drawn
 * from {0, 1, 2}; Adam, MSE, the hidden state carried between iterations and detached.
 */
public final class SineForecaster {
    /** TUTORIAL forecasts as the tutorial does; WARMUP first reads true points. */
    public enum Mode { TUTORIAL, WARMUP }

    public record Config(int iterations, long seed, String cell, int hidden, int layers, double lr, Mode mode) {}

    /**
     * @param time         [N] the window's time points
     * @param truth        [N] sin(time)
     * @param prediction   [N] the forecast of each point (NaN where the point was given)
     * @param warmupPoints how many leading true points the forecast read
     * @param mse          mean squared error of the forecast points against the truth
     */
    public record Forecast(float[] time, float[] truth, float[] prediction, int warmupPoints, double mse) {}

    static final int POINTS = 50;
    static final int WARMUP = 10;

    private final Config config;
    private final Random data;
    private final Module rnn;
    private final Linear head;
    private final Adam optimizer;
    private final MSELoss loss = new MSELoss();
    private Tensor hidden;
    private Tensor cell;
    private int iteration;

    public SineForecaster(Config config) {
        this.config = config;
        Tensor.manualSeed(config.seed());
        this.data = new Random(config.seed());
        switch (config.cell()) {
            case "rnn":
                rnn = new RNN(1, config.hidden(), RNN.options().numLayers(config.layers()).batchFirst(true));
                break;
            case "lstm":
                rnn = new LSTM(1, config.hidden(), LSTM.options().numLayers(config.layers()).batchFirst(true));
                break;
            case "gru":
                rnn = new GRU(1, config.hidden(), GRU.options().numLayers(config.layers()).batchFirst(true));
                break;
            default:
                throw new IllegalArgumentException("cell must be rnn, lstm or gru, got '" + config.cell() + "'");
        }
        head = new Linear(config.hidden(), 1);
        List<Tensor> params = new java.util.ArrayList<>(rnn.parameters());
        params.addAll(head.parameters());
        optimizer = new Adam(params, config.lr());
        hidden = Tensor.zeros(config.layers(), 1, config.hidden());
        cell = Tensor.zeros(config.layers(), 1, config.hidden());
    }

    public int iteration() {
        return iteration;
    }

    /** sin over linspace(start, start + 10, 50), start drawn from {0, 1, 2}. */
    private float[] window(int start) {
        return Tensor.linspace(start, start + 10, POINTS).toFloatArray();
    }

    private static float[] sin(float[] t) {
        float[] y = new float[t.length];
        for (int i = 0; i < t.length; i++) y[i] = (float) Math.sin(t[i]);
        return y;
    }

    /** One training iteration; returns its loss. */
    public float trainStep() {
        float[] y = sin(window(data.nextInt(3)));
        if (config.mode() == Mode.WARMUP) {
            optimizer.setLr(config.lr() * 0.5 * (1 + Math.cos(Math.PI * iteration / config.iterations())));
        }
        Tensor x = Tensor.of(java.util.Arrays.copyOfRange(y, 0, POINTS - 1), 1, POINTS - 1, 1);
        Tensor target = Tensor.of(java.util.Arrays.copyOfRange(y, 1, POINTS), 1, POINTS - 1, 1);
        Tensor out = step(x);
        Tensor l = loss.forward(out, target);
        optimizer.zeroGrad();
        l.backward();
        optimizer.step();
        iteration++;
        return l.item();
    }

    /** Runs the net over x [1, T, 1] from the carried state, carries the new state detached. */
    private Tensor step(Tensor x) {
        Tensor features;
        if (rnn instanceof LSTM lstm) {
            LSTMOutput o = lstm.forward(x, hidden, cell);
            features = o.output();
            hidden = o.h().detach();
            cell = o.c().detach();
        } else {
            RecurrentOutput o = rnn instanceof RNN r ? r.forward(x, hidden) : ((GRU) rnn).forward(x, hidden);
            features = o.output();
            hidden = o.h().detach();
        }
        return head.forward(features);
    }

    /** Forecasts a fresh window after training. */
    public Forecast forecast() {
        float[] time = window(data.nextInt(3));
        float[] truth = sin(time);
        float[] prediction = new float[POINTS];
        java.util.Arrays.fill(prediction, Float.NaN);
        int given = config.mode() == Mode.WARMUP ? WARMUP : 1;
        try (var off = GradMode.noGrad()) {
            Tensor input = null;
            for (int i = 0; i < given; i++) {
                input = step(Tensor.of(new float[] {truth[i]}, 1, 1, 1));
            }
            for (int i = given; i < POINTS; i++) {
                prediction[i] = input.item();
                input = step(input.reshape(1, 1, 1));
            }
        }
        double se = 0;
        for (int i = given; i < POINTS; i++) se += (prediction[i] - truth[i]) * (double) (prediction[i] - truth[i]);
        return new Forecast(time, truth, prediction, given, se / (POINTS - given));
    }

    /** Trains and forecasts with the given settings from the command line of a quick experiment. */
    public static void main(String[] args) {
        int iters = args.length > 0 ? Integer.parseInt(args[0]) : 6000;
        String cellName = args.length > 1 ? args[1] : "rnn";
        Mode mode = args.length > 2 ? Mode.valueOf(args[2]) : Mode.WARMUP;
        double lr = args.length > 3 ? Double.parseDouble(args[3]) : 1e-3;
        for (long seed = 0; seed < 5; seed++) {
            SineForecaster f = new SineForecaster(new Config(iters, seed, cellName, 16, 2, lr, mode));
            long t0 = System.nanoTime();
            float last = 0;
            for (int i = 0; i < iters; i++) last = f.trainStep();
            double ms = (System.nanoTime() - t0) / 1e6 / iters;
            Forecast fc = f.forecast();
            System.out.printf("seed %d loss %.6f mse %.5f ms/it %.4f%n", seed, last, fc.mse(), ms);
        }
    }
}
