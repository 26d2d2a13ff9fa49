package org.rnn4j.examples.tutorial;

import java.util.List;
import java.util.Optional;

/** The tutorial's examples in the tutorial's order. */
public final class TutorialExamples {
    private TutorialExamples() {}

    public static final List<TutorialExample> ALL = List.of(
            new RnnExample(),
            new RnnLayersExample(),
            new RnnCellExample(),
            new StackedCellsExample(),
            new SineNetExample());

    public static Optional<TutorialExample> find(String name) {
        return ALL.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    public static List<String> names() {
        return ALL.stream().map(TutorialExample::name).toList();
    }
}
