package org.rnn4j.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;
import org.rnn4j.tensor.Generator;

/**
 * Reads a {@link Dataset} in batches, like {@code torch.utils.data.DataLoader} (single process):
 * each batch is {@code collate} applied to {@code batchSize} consecutive examples of the epoch's
 * order, the last one shorter unless {@code dropLast}. With {@code shuffle} the order is a new
 * random permutation each epoch.
 *
 * <p>The loader is a cursor: it knows its epoch and the index of the next batch in it.
 * {@code for (B batch : loader)} runs the rest of the current epoch and leaves the loader at the
 * start of the next; {@link #nextBatch()} serves batches across epoch boundaries (for training by
 * steps). {@link #state()} and {@link #restore(State)} save and restore that position with the
 * generator, so a resumed run sees the same batches as one that never stopped.
 *
 * <p>Randomness: at the start of each shuffled epoch one {@link Generator#nextLong()} is drawn from
 * the loader's generator, and the epoch's permutation comes from a fresh generator seeded with it
 * (Fisher-Yates, one {@link Generator#nextInt(int)} per position). Without an explicit generator
 * the loader makes its own, seeded by one draw from the default generator when it is built, so
 * {@link org.rnn4j.tensor.Tensor#manualSeed} makes the order reproducible and dropout's draws do
 * not move it. Not thread-safe; the dataset must not change size.
 *
 * @param <T> an example
 * @param <B> a batch, what {@code collate} makes of a list of examples
 */
public final class DataLoader<T, B> implements Iterable<B> {
    /**
     * Immutable options; each setter returns a changed copy.
     *
     * @param generator where shuffling draws from; null for a generator of the loader's own
     */
    public record Options(int batchSize, boolean shuffle, boolean dropLast, Generator generator) {
        public Options batchSize(int v) {
            return new Options(v, shuffle, dropLast, generator);
        }

        public Options shuffle(boolean v) {
            return new Options(batchSize, v, dropLast, generator);
        }

        public Options dropLast(boolean v) {
            return new Options(batchSize, shuffle, v, generator);
        }

        public Options generator(Generator v) {
            return new Options(batchSize, shuffle, dropLast, v);
        }
    }

    /** PyTorch's defaults: batch size 1, no shuffling, the last short batch kept, no generator given. */
    public static Options options() {
        return new Options(1, false, false, null);
    }

    /**
     * A loader's position: the epoch, the index of the next batch in it, the seed of the epoch's
     * permutation (meaningful once its first batch was served, 0 without shuffling) and the state of
     * the loader's generator (null without shuffling).
     */
    public record State(int epoch, int index, long shuffleSeed, byte[] generatorState) {
        public State {
            generatorState = generatorState == null ? null : generatorState.clone();
        }

        @Override
        public byte[] generatorState() {
            return generatorState == null ? null : generatorState.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof State s && s.epoch == epoch && s.index == index && s.shuffleSeed == shuffleSeed
                    && Arrays.equals(s.generatorState, generatorState);
        }

        @Override
        public int hashCode() {
            return ((epoch * 31 + index) * 31 + Long.hashCode(shuffleSeed)) * 31 + Arrays.hashCode(generatorState);
        }

        @Override
        public String toString() {
            return "State[epoch=" + epoch + ", index=" + index + ", shuffleSeed=" + shuffleSeed + ", generatorState="
                    + (generatorState == null ? "null" : generatorState.length + " bytes") + "]";
        }
    }

    private final Dataset<T> dataset;
    private final Options config;
    private final Function<? super List<T>, ? extends B> collate;
    private final Generator generator; // null without shuffling
    private final int size;
    private int epoch;
    private int index;
    private long shuffleSeed;
    private int[] order; // this epoch's permutation; null until its first batch (or without shuffling)

    /** A loader with the default options (batch size 1, in order). */
    public DataLoader(Dataset<T> dataset, Function<? super List<T>, ? extends B> collate) {
        this(dataset, options(), collate);
    }

    public DataLoader(Dataset<T> dataset, Options options, Function<? super List<T>, ? extends B> collate) {
        if (dataset == null) throw new IllegalArgumentException("DataLoader: dataset must not be null");
        if (options == null) throw new IllegalArgumentException("DataLoader: options must not be null");
        if (collate == null) throw new IllegalArgumentException("DataLoader: collate_fn must not be null");
        if (options.batchSize() <= 0) {
            throw new IllegalArgumentException("batch_size should be a positive integer value, but got batch_size="
                    + options.batchSize());
        }
        this.dataset = dataset;
        this.config = options;
        this.collate = collate;
        this.size = dataset.size();
        if (size < 0) throw new IllegalArgumentException("DataLoader: dataset size must be non-negative, got " + size);
        Generator g = options.generator();
        this.generator = !options.shuffle() ? null
                : g != null ? g : new Generator(Generator.defaultGenerator().nextLong());
    }

    /** Batches per epoch, {@code len(loader)}: ⌈size / batchSize⌉, or ⌊size / batchSize⌋ with dropLast. */
    public int numBatches() {
        int b = config.batchSize();
        return config.dropLast() ? size / b : (size + b - 1) / b;
    }

    /** The current epoch, counted from 0. */
    public int epoch() {
        return epoch;
    }

    /** The index in the current epoch of the next batch. */
    public int index() {
        return index;
    }

    /**
     * The remaining batches of the current epoch; when the last is served the loader moves to the
     * next epoch and the iterator ends. An epoch without batches ends at once (and still counts).
     */
    @Override
    public Iterator<B> iterator() {
        if (numBatches() == 0) {
            advanceEpoch();
            return Collections.emptyIterator();
        }
        int mine = epoch;
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return epoch == mine;
            }

            @Override
            public B next() {
                if (!hasNext()) throw new NoSuchElementException("epoch " + mine + " has ended");
                return nextBatch();
            }
        };
    }

    /**
     * The next batch, starting the next epoch (and its permutation) after the last one.
     *
     * @throws IllegalStateException if an epoch has no batches
     */
    public B nextBatch() {
        int batches = numBatches();
        if (batches == 0) {
            throw new IllegalStateException("DataLoader has no batches: " + size + " examples, batch_size="
                    + config.batchSize() + ", drop_last=" + (config.dropLast() ? "True" : "False"));
        }
        if (config.shuffle() && order == null) {
            if (index == 0) shuffleSeed = generator.nextLong();
            order = permutation(size, new Generator(shuffleSeed));
        }
        int from = index * config.batchSize();
        int to = Math.min(from + config.batchSize(), size);
        List<T> items = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) items.add(dataset.get(order == null ? i : order[i]));
        B batch = collate.apply(items); // before moving on: a failing collate leaves the position as it was
        if (++index == batches) advanceEpoch();
        return batch;
    }

    private void advanceEpoch() {
        epoch++;
        index = 0;
        order = null;
    }

    /** Fisher-Yates: position i (from the end) swaps with a uniform j in [0, i]. */
    private static int[] permutation(int n, Generator g) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = g.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** The position and generator state, for a checkpoint. */
    public State state() {
        return new State(epoch, index, config.shuffle() ? shuffleSeed : 0,
                generator == null ? null : generator.getState());
    }

    /**
     * Returns to a position saved by {@link #state()} (of this loader or one built the same way):
     * the next batch is the one that followed then, and the generator is as it was.
     *
     * @throws IllegalArgumentException if the state does not fit this loader (a negative epoch, an
     *     index outside the epoch, a generator state missing with shuffling or given without it, or
     *     a corrupt one); the loader is then unchanged
     */
    public void restore(State state) {
        if (state == null) throw new IllegalArgumentException("DataLoader.restore: state must not be null");
        int batches = numBatches();
        if (state.epoch() < 0 || state.index() < 0 || state.index() >= Math.max(batches, 1)) {
            throw new IllegalArgumentException("DataLoader.restore: expected epoch >= 0 and 0 <= index < "
                    + Math.max(batches, 1) + " (batches per epoch), got epoch " + state.epoch() + ", index "
                    + state.index());
        }
        byte[] g = state.generatorState();
        if ((g != null) != config.shuffle()) {
            throw new IllegalArgumentException("DataLoader.restore: a loader with shuffle="
                    + (config.shuffle() ? "True" : "False") + " expects " + (config.shuffle() ? "a" : "no")
                    + " generator state, got " + (g == null ? "none" : g.length + " bytes"));
        }
        if (generator != null) generator.setState(g); // validates first: a bad state changes nothing
        epoch = state.epoch();
        index = state.index();
        shuffleSeed = state.shuffleSeed();
        order = null; // redrawn from shuffleSeed at the next batch (index > 0) or from the generator (index 0)
    }

    public Dataset<T> dataset() {
        return dataset;
    }

    /** The options this loader was built with (the generator as given, null if none was). */
    public Options config() {
        return config;
    }

    /** The generator shuffling draws from (the one given or the loader's own); null without shuffling. */
    public Generator generator() {
        return generator;
    }
}
