package org.rnn4j.examples.tutorial;

import java.io.PrintWriter;

/** One code example of the tutorial, run in Java; it prints what the PyTorch snippet prints. */
public interface TutorialExample {
    /** The name on the command line, e.g. {@code rnn-layers}. */
    String name();

    /** One line saying what the example shows. */
    String description();

    /** Runs the example (seeding the generator first, so output is reproducible). */
    void run(PrintWriter out);
}
