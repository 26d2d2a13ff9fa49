package org.rnn4j.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.text.DecimalFormat;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a training loop with its loss: a tqdm-like bar redrawn at most 10 times a second
 * when stderr is a terminal, otherwise a few plain lines (at each quarter). {@link #update} is
 * called every iteration and costs a clock read unless it is time to redraw.
 */
public abstract class Progress implements AutoCloseable {
    /** Nanoseconds between two updates of the displayed loss. */
    static final long REDRAW_NANOS = 100_000_000L;

    /** One iteration done ({@code done} of the total so far) with this loss. */
    public void update(int done, float loss) {
        update(done, loss(loss));
    }

    /** One step done ({@code done} of the total so far), with {@code message} beside the bar (losses, say). */
    public abstract void update(int done, String message);

    @Override
    public abstract void close();

    /** A bar on the terminal, or plain lines to {@code err} if stderr is not a terminal. */
    public static Progress create(String task, int total, PrintWriter err) {
        return create(task, total, "it", err);
    }

    /** As {@link #create(String, int, PrintWriter)}, counting in {@code unit}s ("it", "epoch"). */
    public static Progress create(String task, int total, String unit, PrintWriter err) {
        return Terminal.stderrIsTerminal() ? new Bar(task, total, unit, System.err, Terminal.columns())
                : new Lines(task, total, unit, err);
    }

    /** No output at all. */
    public static Progress none() {
        return new Progress() {
            @Override
            public void update(int done, String message) {}

            @Override
            public void close() {}
        };
    }

    static String loss(float loss) {
        return String.format(Locale.ROOT, "loss %.5g", loss);
    }

    private static final class Bar extends Progress {
        private final ProgressBar bar;
        private final int total;
        private long next;
        private int done;
        private String message = "";

        Bar(String task, int total, String unit, PrintStream out, int columns) {
            this.total = total;
            this.bar = new ProgressBarBuilder()
                    .setTaskName(task)
                    .setInitialMax(total)
                    .setStyle(ProgressBarStyle.UNICODE_BLOCK)
                    .setUpdateIntervalMillis((int) (REDRAW_NANOS / 1_000_000))
                    .setConsumer(new ConsoleProgressBarConsumer(out, Math.max(40, columns - 1)))
                    .setUnit("it".equals(unit) ? unit : " " + unit + "s", 1)
                    .showSpeed(new DecimalFormat("#,##0"))
                    .setSpeedUnit(ChronoUnit.SECONDS)
                    .build();
        }

        @Override
        public void update(int done, String message) {
            this.done = done;
            this.message = message;
            long now = System.nanoTime();
            if (now - next >= 0 || done == total) {
                next = now + REDRAW_NANOS / 2;
                bar.stepTo(done);
                bar.setExtraMessage(" " + message);
            }
        }

        @Override
        public void close() {
            if (done > 0 && done < total) { // stopped early (early stopping): end the bar where the run ended
                bar.maxHint(done);
                bar.stepTo(done);
                bar.setExtraMessage(" " + message);
            }
            bar.close();
        }
    }

    private static final class Lines extends Progress {
        private final String task;
        private final int total;
        private final String units;
        private final PrintWriter out;
        private final long start = System.nanoTime();
        private long lastLine = start;
        private int nextQuarter = 1;
        private int done;
        private int printed;
        private String message = "";

        Lines(String task, int total, String unit, PrintWriter out) {
            this.task = task;
            this.total = total;
            this.units = "it".equals(unit) ? "iterations" : unit + "s";
            this.out = out;
        }

        @Override
        public void update(int done, String message) {
            this.done = done;
            this.message = message;
            boolean quarter = (long) done * 4 >= (long) nextQuarter * total;
            if (!quarter && (done & 1023) != 0) return;
            long now = System.nanoTime();
            if (quarter || now - lastLine > 30_000_000_000L) { // at each quarter, or every 30 s
                while ((long) done * 4 >= (long) nextQuarter * total) nextQuarter++;
                lastLine = now;
                printed = done;
                out.printf(Locale.ROOT, "%s: %d/%d %s, %s, %.1f s%n", task, done, total, units, message,
                        (now - start) / 1e9);
                out.flush();
            }
        }

        @Override
        public void close() {
            if (done > printed) { // the last state, when the run ended between two quarters
                out.printf(Locale.ROOT, "%s: %d/%d %s, %s, %.1f s%n", task, done, total, units, message,
                        (System.nanoTime() - start) / 1e9);
            }
            out.flush();
        }
    }
}
