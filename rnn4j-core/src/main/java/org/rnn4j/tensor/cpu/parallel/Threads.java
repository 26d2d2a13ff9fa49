package org.rnn4j.tensor.cpu.parallel;

/**
 * How many threads (the caller included) one GEMM or scan may use: the machine's processors, or
 * the system property {@code rnn4j.threads}, or the environment variable {@code RNN4J_THREADS}
 * (in that order of precedence). Read once, when the first kernel runs. One thread turns every
 * split off; results are the same bits whatever the count.
 */
public final class Threads {
    private static final int COUNT = resolve(System.getProperty("rnn4j.threads"), System.getenv("RNN4J_THREADS"),
            Runtime.getRuntime().availableProcessors());

    private Threads() {}

    /** The thread count in force (at least 1). */
    public static int count() {
        return COUNT;
    }

    /**
     * The count from a property value, else an environment value, else the processors. A value
     * that is not a positive integer is reported on stderr and ignored: a library must not fail to
     * load over a tuning knob.
     */
    static int resolve(String property, String environment, int processors) {
        for (String[] source : new String[][] {{"-Drnn4j.threads", property}, {"RNN4J_THREADS", environment}}) {
            String v = source[1];
            if (v == null || v.isBlank()) continue;
            try {
                int n = Integer.parseInt(v.trim());
                if (n >= 1) return n;
            } catch (NumberFormatException e) {
                // reported below
            }
            System.err.println("rnn4j: ignoring " + source[0] + "=" + v + ": expected a thread count of at least 1;"
                    + " using " + Math.max(1, processors));
        }
        return Math.max(1, processors);
    }
}
