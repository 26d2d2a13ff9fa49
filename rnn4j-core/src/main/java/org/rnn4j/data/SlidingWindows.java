package org.rnn4j.data;

import java.util.List;
import java.util.function.Function;
import org.rnn4j.tensor.Tensor;

/**
 * The (lookback, horizon) windows of a series, as a {@link Dataset}: window {@code i} starts at
 * row {@code s = i * stride}; its input is rows {@code [s, s + lookback)} of the series (all its
 * features) and its target the next {@code horizon} values of the target column,
 * {@code [s + lookback, s + lookback + horizon)}. There are
 * {@code floor((N - lookback - horizon) / stride) + 1} windows of a series of N rows.
 *
 * <pre>{@code
 * SlidingWindows w = SlidingWindows.of(series, 24, 6, 1);       // series [N] or [N, F]
 * DataLoader<SlidingWindows.Window, SlidingWindows.Batch> loader =
 *         new DataLoader<>(w, DataLoader.options().batchSize(32).shuffle(true), SlidingWindows.collate());
 * }</pre>
 */
public final class SlidingWindows implements Dataset<SlidingWindows.Window> {
    /** One window: input [lookback, F], target [horizon]. */
    public record Window(Tensor input, Tensor target) {}

    /** Stacked windows: input [B, lookback, F], target [B, horizon]. */
    public record Batch(Tensor input, Tensor target) {}

    private final float[] values;  // [N, F] row-major
    private final int rows;
    private final int features;
    private final int targetColumn;
    private final int lookback;
    private final int horizon;
    private final int stride;

    private SlidingWindows(float[] values, int rows, int features, int targetColumn, int lookback, int horizon,
                           int stride) {
        this.values = values;
        this.rows = rows;
        this.features = features;
        this.targetColumn = targetColumn;
        this.lookback = lookback;
        this.horizon = horizon;
        this.stride = stride;
    }

    /** Windows of a series [N] (one feature, the target) or [N, F] whose column 0 is the target. */
    public static SlidingWindows of(Tensor series, int lookback, int horizon, int stride) {
        return of(series, 0, lookback, horizon, stride);
    }

    /**
     * Windows of a series [N, F] whose target is column {@code targetColumn} (a [N] series is one
     * column).
     *
     * @throws IllegalArgumentException for a series that is not 1-D or 2-D, a target column out of
     *     range, a non-positive lookback, horizon or stride, or a series too short for one window
     */
    public static SlidingWindows of(Tensor series, int targetColumn, int lookback, int horizon, int stride) {
        if (series == null) throw new IllegalArgumentException("SlidingWindows: series must not be null");
        if (series.dim() != 1 && series.dim() != 2) {
            throw new IllegalArgumentException("SlidingWindows: expected a series of shape [N] or [N, F], got "
                    + java.util.Arrays.toString(series.shape()));
        }
        positive("lookback", lookback);
        positive("horizon", horizon);
        positive("stride", stride);
        int n = series.size(0);
        int f = series.dim() == 2 ? series.size(1) : 1;
        if (targetColumn < 0 || targetColumn >= f) {
            throw new IllegalArgumentException("SlidingWindows: target column " + targetColumn
                    + " is out of range for " + f + " feature(s)");
        }
        if (n < lookback + horizon) {
            throw new IllegalArgumentException("SlidingWindows: a series of " + n + " rows is too short for one window"
                    + " of lookback " + lookback + " + horizon " + horizon + " = " + (lookback + horizon) + " rows");
        }
        return new SlidingWindows(series.toFloatArray(), n, f, targetColumn, lookback, horizon, stride);
    }

    private static void positive(String what, int v) {
        if (v <= 0) throw new IllegalArgumentException("SlidingWindows: " + what + " must be positive, got " + v);
    }

    @Override
    public int size() {
        return (rows - lookback - horizon) / stride + 1;
    }

    /** The first row of window {@code index}. */
    public int start(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException("window " + index + " is out of range [0, " + size() + ")");
        }
        return index * stride;
    }

    @Override
    public Window get(int index) {
        int s = start(index);
        float[] in = new float[lookback * features];
        System.arraycopy(values, s * features, in, 0, in.length);
        float[] target = new float[horizon];
        for (int h = 0; h < horizon; h++) target[h] = values[(s + lookback + h) * features + targetColumn];
        return new Window(Tensor.of(in, lookback, features), Tensor.of(target, horizon));
    }

    public int lookback() {
        return lookback;
    }

    public int horizon() {
        return horizon;
    }

    public int stride() {
        return stride;
    }

    /** Stacks windows into a batch, for a {@link DataLoader}. */
    public static Function<List<Window>, Batch> collate() {
        return windows -> new Batch(Tensor.stack(windows.stream().map(Window::input).toList(), 0),
                Tensor.stack(windows.stream().map(Window::target).toList(), 0));
    }
}
