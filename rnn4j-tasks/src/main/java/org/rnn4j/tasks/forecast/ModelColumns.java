package org.rnn4j.tasks.forecast;

import java.util.List;

/** The CSV columns a model was trained on; a series to predict from must have them. */
public record ModelColumns(String time, String target, List<String> features) {
    public ModelColumns {
        features = List.copyOf(features);
    }

    /** The spec that reads such a series. */
    public SeriesSpec spec() {
        return new SeriesSpec(time, target, features);
    }
}
