package org.rnn4j.tasks.forecast;

import java.util.List;

/**
 * Which columns of a CSV file make the series.
 *
 * @param time     the time column; null: the first column unless it is the target or a feature
 *                 (then the row order is the time)
 * @param target   the column to forecast
 * @param features further numeric columns the model sees in its lookback window (may be empty)
 */
public record SeriesSpec(String time, String target, List<String> features) {
    public SeriesSpec {
        if (target == null || target.isBlank()) throw new IllegalArgumentException("SeriesSpec: target must be a column name");
        features = features == null ? List.of() : List.copyOf(features);
        if (features.contains(target)) {
            throw new IllegalArgumentException("SeriesSpec: the target '" + target + "' is also listed as a feature");
        }
        if (time != null && (time.equals(target) || features.contains(time))) {
            throw new IllegalArgumentException("SeriesSpec: the time column '" + time
                    + "' is also the target or a feature");
        }
    }

    public static SeriesSpec of(String target) {
        return new SeriesSpec(null, target, List.of());
    }
}
