package org.rnn4j.tasks.forecast;

import java.util.List;

/**
 * A regularly spaced series ready for forecasting: the target and optional feature columns on the
 * grid of {@link #axis()}, with every gap (a skipped time or an empty cell) filled by linear
 * interpolation. {@link #observed()} tells which target values were in the file.
 *
 * @param features  [feature][point]
 * @param observed  per point: whether the target value was in the file (not filled in)
 * @param filled    how many values (target and features) were filled in
 * @param gapPoints how many points had no row at all (skipped times)
 */
public record Series(String source, String timeColumn, String targetColumn, List<String> featureColumns,
                     TimeAxis axis, double[] target, double[][] features, boolean[] observed, int filled,
                     int gapPoints) {
    public Series {
        featureColumns = List.copyOf(featureColumns);
        if (features.length != featureColumns.size()) {
            throw new IllegalArgumentException("Series: " + featureColumns.size() + " feature names but "
                    + features.length + " feature columns");
        }
        for (double[] f : features) {
            if (f.length != target.length) {
                throw new IllegalArgumentException("Series: a feature column has " + f.length + " points, the target "
                        + target.length);
            }
        }
        if (observed.length != target.length) {
            throw new IllegalArgumentException("Series: observed has " + observed.length + " points, the target "
                    + target.length);
        }
    }

    /** The number of points. */
    public int length() {
        return target.length;
    }

    /** The number of input channels a model sees: the target and the features. */
    public int channels() {
        return 1 + features.length;
    }
}
