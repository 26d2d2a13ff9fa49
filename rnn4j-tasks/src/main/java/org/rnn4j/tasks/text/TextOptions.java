package org.rnn4j.tasks.text;

import java.util.Locale;
import org.rnn4j.nn.CellType;

/**
 * What a user may choose for training a character language model ({@code text train}); an
 * immutable value whose setters return a changed copy
 * ({@code TextOptions.options().hidden(128).steps(500)}). Every value is checked when set: an
 * IllegalArgumentException names the option, what it must be and what it was.
 */
public final class TextOptions {
    /** How the learning rate moves over the run; {@code --lr} is its peak. */
    public enum Schedule {
        /** PyTorch's CosineAnnealingLR(T_max = steps, eta_min = 0): from the peak down to 0. */
        COSINE,
        /** The peak throughout. */
        CONSTANT,
        /** PyTorch's OneCycleLR(max_lr = lr, total_steps = steps) with its defaults. */
        ONECYCLE;

        /** The name on the command line and in files ("cosine"). */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private CellType cell = CellType.LSTM;
    private int embed = 64;
    private int hidden = 256;
    private int layers = 2;
    private int seq = 128;
    private int batch = 32;
    private int steps = 1000;
    private double lr = 2e-3;
    private double dropout;
    private long seed;
    private double clip = 5.0;
    private Schedule schedule = Schedule.COSINE;
    private int evalEvery = 200;
    private int checkpointEvery = 100;

    private TextOptions() {}

    /**
     * The defaults: LSTM, embedding 64, hidden 256, 2 layers, windows of 128 characters in 32
     * lanes, 1000 steps, Adam with a cosine schedule from lr 2e-3, gradient norm clipped to 5, no
     * dropout, seed 0, validation every 200 steps, a checkpoint every 100.
     */
    public static TextOptions options() {
        return new TextOptions();
    }

    private TextOptions copy() {
        TextOptions c = new TextOptions();
        c.cell = cell;
        c.embed = embed;
        c.hidden = hidden;
        c.layers = layers;
        c.seq = seq;
        c.batch = batch;
        c.steps = steps;
        c.lr = lr;
        c.dropout = dropout;
        c.seed = seed;
        c.clip = clip;
        c.schedule = schedule;
        c.evalEvery = evalEvery;
        c.checkpointEvery = checkpointEvery;
        return c;
    }

    private static int positive(String name, int v) {
        if (v < 1) throw new IllegalArgumentException(name + " must be an integer > 0, got " + v);
        return v;
    }

    public TextOptions cell(CellType v) {
        if (v == null) throw new IllegalArgumentException("cell must not be null");
        TextOptions c = copy();
        c.cell = v;
        return c;
    }

    /** E, the size of a character's embedding (the stack's input size). */
    public TextOptions embed(int v) {
        TextOptions c = copy();
        c.embed = positive("embed", v);
        return c;
    }

    public TextOptions hidden(int v) {
        TextOptions c = copy();
        c.hidden = positive("hidden", v);
        return c;
    }

    public TextOptions layers(int v) {
        TextOptions c = copy();
        c.layers = positive("layers", v);
        return c;
    }

    /** T, the characters of each lane a step trains on (truncated backpropagation through time). */
    public TextOptions seq(int v) {
        TextOptions c = copy();
        c.seq = positive("seq", v);
        return c;
    }

    /** B, the number of contiguous lanes the training text is cut into. */
    public TextOptions batch(int v) {
        TextOptions c = copy();
        c.batch = positive("batch", v);
        return c;
    }

    /** Optimizer steps of the whole run. */
    public TextOptions steps(int v) {
        TextOptions c = copy();
        c.steps = positive("steps", v);
        return c;
    }

    /** Adam's peak learning rate. */
    public TextOptions lr(double v) {
        if (!(v > 0) || !Double.isFinite(v)) throw new IllegalArgumentException("lr must be a finite number > 0, got " + v);
        TextOptions c = copy();
        c.lr = v;
        return c;
    }

    /** Dropout between the recurrent layers and before the output layer. */
    public TextOptions dropout(double v) {
        if (!(v >= 0 && v < 1)) throw new IllegalArgumentException("dropout must be in [0, 1), got " + v);
        TextOptions c = copy();
        c.dropout = v;
        return c;
    }

    /** Seeds the initial weights and the dropout masks. */
    public TextOptions seed(long v) {
        TextOptions c = copy();
        c.seed = v;
        return c;
    }

    /** The largest total gradient norm (clip_grad_norm_); 0 turns clipping off. */
    public TextOptions clip(double v) {
        if (!(v >= 0) || !Double.isFinite(v)) throw new IllegalArgumentException("clip must be a finite number >= 0, got " + v);
        TextOptions c = copy();
        c.clip = v;
        return c;
    }

    public TextOptions schedule(Schedule v) {
        if (v == null) throw new IllegalArgumentException("schedule must not be null");
        TextOptions c = copy();
        c.schedule = v;
        return c;
    }

    /** Steps between two measures of the validation bpc (the last step is always measured). */
    public TextOptions evalEvery(int v) {
        TextOptions c = copy();
        c.evalEvery = positive("eval_every", v);
        return c;
    }

    /** Steps between two checkpoints (the last step always writes one). */
    public TextOptions checkpointEvery(int v) {
        TextOptions c = copy();
        c.checkpointEvery = positive("checkpoint_every", v);
        return c;
    }

    public CellType cell() {
        return cell;
    }

    public int embed() {
        return embed;
    }

    public int hidden() {
        return hidden;
    }

    public int layers() {
        return layers;
    }

    public int seq() {
        return seq;
    }

    public int batch() {
        return batch;
    }

    public int steps() {
        return steps;
    }

    public double lr() {
        return lr;
    }

    public double dropout() {
        return dropout;
    }

    public long seed() {
        return seed;
    }

    public double clip() {
        return clip;
    }

    public Schedule schedule() {
        return schedule;
    }

    public int evalEvery() {
        return evalEvery;
    }

    public int checkpointEvery() {
        return checkpointEvery;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TextOptions t && TextOptionsJson.write(t).equals(TextOptionsJson.write(this));
    }

    @Override
    public int hashCode() {
        return TextOptionsJson.write(this).hashCode();
    }

    @Override
    public String toString() {
        return "TextOptions" + TextOptionsJson.write(this);
    }
}
