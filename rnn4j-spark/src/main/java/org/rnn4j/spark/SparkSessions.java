package org.rnn4j.spark;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark sessions of rnn4j's commands: an embedded {@code local[N]} one (what
 * {@code ./rnn4j spark} runs on a laptop: no web UI, no console progress bar, the driver on the
 * loopback address, N shuffle partitions), or under {@code spark-submit} the one it configured
 * (YARN, Kubernetes, standalone: the master comes from spark-submit's {@code --master}).
 */
public final class SparkSessions {
    private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\*|\\d+)(?:\\s*,\\s*(\\d+))?])?");

    private SparkSessions() {}

    /** Whether {@code master} is {@code local}, {@code local[N]}, {@code local[*]} or {@code local[N,F]}. */
    public static boolean isLocal(String master) {
        return master != null && LOCAL.matcher(master.strip()).matches();
    }

    /** The threads of a local master ({@code local} is 1, {@code local[*]} the processors), or 0 if not local. */
    public static int localThreads(String master) {
        Matcher m = master == null ? null : LOCAL.matcher(master.strip());
        if (m == null || !m.matches()) return 0;
        if (m.group(1) == null) return 1;
        return m.group(1).equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(m.group(1));
    }

    /**
     * A command's session; closing it stops the session only if the command started it (a session
     * that was running already, say in a notebook or a test, goes on).
     */
    public record Handle(SparkSession session, boolean owned) implements AutoCloseable {
        @Override
        public void close() {
            if (owned) session.stop();
        }
    }

    /**
     * The running session if there is one (its master must then be {@code master}, when given),
     * else a new one as {@link #open} makes it.
     *
     * @throws IllegalArgumentException if {@code master} contradicts spark-submit's or the running session's
     */
    public static Handle attach(String master, String appName) {
        SparkSession running = SparkSession.getActiveSession().getOrElse(() -> SparkSession.getDefaultSession()
                .getOrElse(() -> null));
        if (running == null) return new Handle(open(master, appName), true);
        String m = running.sparkContext().master();
        if (master != null && !master.strip().equals(m)) {
            throw new IllegalArgumentException("--master " + master + " contradicts the running session's master " + m);
        }
        return new Handle(running, false);
    }

    /**
     * A session for {@code master}: embedded for a local master, else the cluster's. Under
     * spark-submit ({@code spark.master} set) a null master means spark-submit's, and another one
     * is refused; without spark-submit a null master means {@code local[*]}.
     *
     * @throws IllegalArgumentException if {@code master} contradicts spark-submit's
     */
    public static SparkSession open(String master, String appName) {
        String submitted = System.getProperty("spark.master");
        if (submitted != null && master != null && !submitted.equals(master)) {
            throw new IllegalArgumentException("--master " + master + " contradicts spark-submit's --master "
                    + submitted + " (leave --master out under spark-submit)");
        }
        String m = master != null ? master : submitted != null ? submitted : "local[*]";
        SparkSession.Builder b = SparkSession.builder().appName(appName).master(m);
        if (isLocal(m)) {
            b.config("spark.ui.enabled", "false")
                    .config("spark.ui.showConsoleProgress", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", Integer.toString(Math.max(1, localThreads(m))));
        }
        return b.getOrCreate();
    }
}
