package org.rnn4j.optim.lr;

import org.rnn4j.optim.Py;

/** Argument checks of the schedulers, worded like PyTorch's own where it has them. */
final class Args {
    private Args() {
    }

    /** "Expected positive integer total_steps, but got 0" (PyTorch's OneCycleLR wording). */
    static int positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException("Expected positive integer " + name + ", but got " + value);
        }
        return value;
    }

    static int nonNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException("Expected non-negative integer " + name + ", but got " + value);
        }
        return value;
    }

    /** Rejects NaN: "Invalid gamma value: nan". */
    static double number(String name, double value) {
        if (Double.isNaN(value)) throw new IllegalArgumentException("Invalid " + name + " value: nan");
        return value;
    }

    /** Rejects zero, negative and NaN values: "Invalid div_factor value: 0.0, expected a positive number". */
    static double positive(String name, double value) {
        if (!(value > 0)) {
            throw new IllegalArgumentException("Invalid " + name + " value: " + Py.repr(value)
                    + ", expected a positive number");
        }
        return value;
    }
}
