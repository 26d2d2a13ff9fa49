package org.rnn4j.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The models an executor JVM has built, by the SHA-256 of their file ({@link ModelFile}):
 * <ul>
 *   <li>{@link #shared}: one instance per file and JVM, loaded by the first task that needs it and
 *       used read-only by every task after it (inference: forwards without autograd share the
 *       weights safely);</li>
 *   <li>{@link #borrow}: an instance for one task alone (training: the task loads the step's
 *       weights into it and backpropagates), taken from the file's idle instances or loaded anew,
 *       and given back when the task ends, failed or not; so a JVM holds at most as many as it ran
 *       tasks at once.</li>
 * </ul>
 * At most {@link #MAX_FILES} files are kept, the least recently used dropped first, so a
 * long-lived executor that scores many models does not grow without bound. Thread-safe.
 */
public final class ExecutorModels {
    /** Files whose models are kept per JVM. */
    public static final int MAX_FILES = 4;

    /** Access-ordered: the eldest entry is the least recently used. Guarded by itself. */
    private static final LinkedHashMap<String, Entry> ENTRIES = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            if (size() <= MAX_FILES) return false;
            eldest.getValue().evicted = true;
            return true;
        }
    };

    private ExecutorModels() {}

    /** One file's models. Guarded by itself. */
    private static final class Entry {
        Object shared;
        final ArrayDeque<Object> idle = new ArrayDeque<>();
        int lent;
        int loads;
        volatile boolean evicted;
    }

    /** What the JVM holds for one file (tests, logs). */
    public record Stats(int loads, int idle, int lent, boolean shared) {}

    /** A model lent to one task; {@link #close} gives it back. */
    public static final class Lease<M> implements AutoCloseable {
        private final Entry entry;
        private final M model;
        private boolean closed;

        private Lease(Entry entry, M model) {
            this.entry = entry;
            this.model = model;
        }

        public M model() {
            return model;
        }

        @Override
        public void close() {
            synchronized (entry) {
                if (closed) return;
                closed = true;
                entry.lent--;
                if (!entry.evicted) entry.idle.addFirst(model);
            }
        }
    }

    /**
     * The JVM's shared instance of {@code hash}'s model, loaded from {@code file} (only asked for
     * when it must be loaded) by {@code loader} on first use.
     */
    @SuppressWarnings("unchecked")
    public static <M> M shared(String hash, Supplier<ModelFile> file, ModelLoader<M> loader) {
        Entry e = entry(hash);
        synchronized (e) { // one load even when several tasks start at once
            if (e.shared == null) {
                e.shared = load(hash, file, loader);
                e.loads++;
            }
            return (M) e.shared;
        }
    }

    /** An instance of {@code hash}'s model for the calling task alone; close the lease when done. */
    @SuppressWarnings("unchecked")
    public static <M> Lease<M> borrow(String hash, Supplier<ModelFile> file, ModelLoader<M> loader) {
        Entry e = entry(hash);
        M m;
        synchronized (e) {
            m = (M) e.idle.pollFirst();
            e.lent++;
        }
        if (m == null) {
            try {
                m = load(hash, file, loader);
            } catch (RuntimeException | Error failure) {
                synchronized (e) {
                    e.lent--;
                }
                throw failure;
            }
            synchronized (e) {
                e.loads++;
            }
        }
        return new Lease<>(e, m);
    }

    /** What the JVM holds for {@code hash} (all zero when nothing). */
    public static Stats stats(String hash) {
        Entry e;
        synchronized (ENTRIES) {
            e = ENTRIES.get(hash);
        }
        if (e == null) return new Stats(0, 0, 0, false);
        synchronized (e) {
            return new Stats(e.loads, e.idle.size(), e.lent, e.shared != null);
        }
    }

    /** How many instances are lent to tasks now, over all files (0 once every task has ended). */
    public static int lent() {
        int n = 0;
        synchronized (ENTRIES) {
            for (Entry e : ENTRIES.values()) {
                synchronized (e) {
                    n += e.lent;
                }
            }
        }
        return n;
    }

    /** How many files' models the JVM holds. */
    public static int files() {
        synchronized (ENTRIES) {
            return ENTRIES.size();
        }
    }

    /** Drops every model (idle and shared); lent ones are dropped when given back. */
    public static void clear() {
        synchronized (ENTRIES) {
            for (Iterator<Entry> it = ENTRIES.values().iterator(); it.hasNext(); ) {
                it.next().evicted = true;
                it.remove();
            }
        }
    }

    private static Entry entry(String hash) {
        synchronized (ENTRIES) {
            return ENTRIES.computeIfAbsent(hash, h -> new Entry());
        }
    }

    private static <M> M load(String hash, Supplier<ModelFile> file, ModelLoader<M> loader) {
        ModelFile f = file.get();
        if (!f.sha256().equals(hash)) {
            throw new IllegalStateException("the model file received has SHA-256 " + f.sha256() + ", expected " + hash);
        }
        try {
            return f.load(loader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
