package org.rnn4j.tasks.forecast;

import org.rnn4j.nn.CellType;

/**
 * What a user may choose for {@code forecast train}; an immutable value whose setters return a
 * changed copy ({@code ForecastOptions.options().horizon(12).seed(1)}). A size of 0 means "choose
 * from the data" (see {@link ForecastPlan#of}).
 */
public final class ForecastOptions {
    private int horizon;
    private int lookback;
    private int season;
    private int testSize;
    private CellType cell = CellType.LSTM;
    private int hidden = 32;
    private int layers = 1;
    private int epochs = 60;
    private long seed;
    private double lr = 3e-3;
    private int batchSize = 32;
    private int patience = 15;
    private int maxBatchesPerEpoch = 32;
    private double weightDecay;

    private ForecastOptions() {}

    /** The defaults: LSTM, hidden 32, 1 layer, 60 epochs, lr 3e-3, batch 32, seed 0, sizes from the data. */
    public static ForecastOptions options() {
        return new ForecastOptions();
    }

    private ForecastOptions copy() {
        ForecastOptions c = new ForecastOptions();
        c.horizon = horizon;
        c.lookback = lookback;
        c.season = season;
        c.testSize = testSize;
        c.cell = cell;
        c.hidden = hidden;
        c.layers = layers;
        c.epochs = epochs;
        c.seed = seed;
        c.lr = lr;
        c.batchSize = batchSize;
        c.patience = patience;
        c.maxBatchesPerEpoch = maxBatchesPerEpoch;
        c.weightDecay = weightDecay;
        return c;
    }

    private static int atLeast(String name, int min, int v) {
        if (v < min) throw new IllegalArgumentException(name + " must be >= " + min + ", got " + v);
        return v;
    }

    /** H, the steps forecast at once (0: from the season). */
    public ForecastOptions horizon(int v) {
        ForecastOptions c = copy();
        c.horizon = atLeast("horizon", 0, v);
        return c;
    }

    /** L, the points the encoder reads (0: from the season and horizon). */
    public ForecastOptions lookback(int v) {
        ForecastOptions c = copy();
        c.lookback = atLeast("lookback", 0, v);
        return c;
    }

    /** S, the season length (0: from the frequency or the autocorrelation). */
    public ForecastOptions season(int v) {
        ForecastOptions c = copy();
        c.season = atLeast("season", 0, v);
        return c;
    }

    /** Points held out at the end for the test (0: 20% of the series). */
    public ForecastOptions testSize(int v) {
        ForecastOptions c = copy();
        c.testSize = atLeast("test_size", 0, v);
        return c;
    }

    public ForecastOptions cell(CellType v) {
        if (v == null) throw new IllegalArgumentException("cell must not be null");
        ForecastOptions c = copy();
        c.cell = v;
        return c;
    }

    public ForecastOptions hidden(int v) {
        ForecastOptions c = copy();
        c.hidden = atLeast("hidden_size", 1, v);
        return c;
    }

    public ForecastOptions layers(int v) {
        ForecastOptions c = copy();
        c.layers = atLeast("num_layers", 1, v);
        return c;
    }

    /** The most epochs; training stops earlier when validation stops improving. */
    public ForecastOptions epochs(int v) {
        ForecastOptions c = copy();
        c.epochs = atLeast("epochs", 1, v);
        return c;
    }

    public ForecastOptions seed(long v) {
        ForecastOptions c = copy();
        c.seed = v;
        return c;
    }

    /** Adam's peak learning rate (cosine-annealed over the epochs). */
    public ForecastOptions lr(double v) {
        if (!(v > 0) || !Double.isFinite(v)) throw new IllegalArgumentException("lr must be a finite number > 0, got " + v);
        ForecastOptions c = copy();
        c.lr = v;
        return c;
    }

    public ForecastOptions batchSize(int v) {
        ForecastOptions c = copy();
        c.batchSize = atLeast("batch_size", 1, v);
        return c;
    }

    /** Epochs without a better validation loss before training stops. */
    public ForecastOptions patience(int v) {
        ForecastOptions c = copy();
        c.patience = atLeast("patience", 1, v);
        return c;
    }

    /** At most this many batches an epoch (drawn afresh each epoch), so long series cost no more. */
    public ForecastOptions maxBatchesPerEpoch(int v) {
        ForecastOptions c = copy();
        c.maxBatchesPerEpoch = atLeast("max_batches_per_epoch", 1, v);
        return c;
    }

    /** Adam's L2 penalty on the weights. */
    public ForecastOptions weightDecay(double v) {
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException("weight_decay must be a finite number >= 0, got " + v);
        }
        ForecastOptions c = copy();
        c.weightDecay = v;
        return c;
    }

    public double weightDecay() {
        return weightDecay;
    }

    public int horizon() {
        return horizon;
    }

    public int lookback() {
        return lookback;
    }

    public int season() {
        return season;
    }

    public int testSize() {
        return testSize;
    }

    public CellType cell() {
        return cell;
    }

    public int hidden() {
        return hidden;
    }

    public int layers() {
        return layers;
    }

    public int epochs() {
        return epochs;
    }

    public long seed() {
        return seed;
    }

    public double lr() {
        return lr;
    }

    public int batchSize() {
        return batchSize;
    }

    public int patience() {
        return patience;
    }

    public int maxBatchesPerEpoch() {
        return maxBatchesPerEpoch;
    }
}
