package org.rnn4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rnn4j.tasks.forecast.Series;
import org.rnn4j.tasks.forecast.TimeAxis;

/**
 * A training series' values as the driver broadcasts them: the windows of a batch are cut from it
 * on the executors (so only origins travel per step). The time axis stays on the driver; windows
 * need only the values.
 *
 * @param features [feature][point]
 */
record SeriesData(double[] target, double[][] features) implements Serializable {
    static SeriesData of(Series s) {
        return new SeriesData(s.target(), s.features());
    }

    /** A series of these values on a plain row axis (what {@code WindowBatch.of} reads). */
    Series series() {
        boolean[] observed = new boolean[target.length];
        Arrays.fill(observed, true);
        List<String> names = new ArrayList<>();
        for (int j = 0; j < features.length; j++) names.add("x" + j);
        return new Series("broadcast", null, "y", names, TimeAxis.rows(), target, features, observed, 0, 0);
    }
}
