package org.rnn4j.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The one Spark session of this module's tests (starting one takes seconds): local with 2 task
 * threads, and up to 4 attempts of a task (plain local[2] never retries, so the fault tests could
 * not show a retry).
 */
public final class SparkTestSession {
    public static final String MASTER = "local[2,4]";
    private static SparkSession session;

    private SparkTestSession() {}

    public static synchronized SparkSession session() {
        if (session == null) session = SparkSessions.open(MASTER, "rnn4j-spark tests");
        return session;
    }

    public static JavaSparkContext context() {
        return JavaSparkContext.fromSparkContext(session().sparkContext());
    }
}
