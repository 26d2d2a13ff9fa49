package org.rnn4j.io;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rnn4j.tensor.DType;
import org.rnn4j.tensor.Generator;
import org.rnn4j.tensor.Tensor;

/**
 * A checkpoint file read and checked on its own terms, before any live object is involved: the
 * format, the JSON entry, the checksum, and every tensor sorted by its prefix with the dtype its
 * part needs. Every problem is an IOException naming the file.
 */
final class CheckpointFile {
    static final String KIND = "checkpoint";
    static final String ENTRY = FileFormat.PREFIX + "checkpoint";
    static final String MODEL = "model.";
    static final String OPTIMIZER = "optimizer.";
    static final String SCHEDULER = "scheduler.";
    static final String GENERATOR = "generator.";
    static final String TENSOR = "tensor.";
    private static final Set<String> JSON_KEYS = Set.of("step", "epoch", "model", "optimizer", "scheduler", "longs",
            "doubles");
    private static final int GENERATOR_STATE_BYTES = new Generator(0).getState().length;

    final Path path;
    final Map<String, Tensor> model = new LinkedHashMap<>();
    final Map<String, Tensor> optimizer = new LinkedHashMap<>();
    final Map<String, Tensor> scheduler = new LinkedHashMap<>();
    final Map<String, byte[]> generators = new LinkedHashMap<>();
    final Map<String, Tensor> tensors = new LinkedHashMap<>();
    final Map<String, Long> longs = new LinkedHashMap<>();
    final Map<String, Double> doubles = new LinkedHashMap<>();
    long step;
    long epoch;
    String optimizerClass;
    String schedulerClass;
    Map<String, String> metadata;

    private CheckpointFile(Path path) {
        this.path = path;
    }

    /** Reads and checks the whole file. */
    static CheckpointFile read(Path path) throws IOException {
        if (path == null) throw new IllegalArgumentException("path must not be null");
        Map<String, String> meta = Models.named(path, () -> SafeTensors.metadata(path));
        FileFormat.check(path, meta, KIND, Checkpoints.FORMAT_VERSION);
        Object json = FileFormat.json(path, meta, ENTRY);
        FileFormat.verifyChecksum(path, meta);
        CheckpointFile f = new CheckpointFile(path);
        f.metadata = FileFormat.userEntries(meta);
        for (Map.Entry<String, Tensor> e : Models.named(path, () -> SafeTensors.load(path)).entrySet()) {
            f.sort(e.getKey(), e.getValue());
        }
        f.parse(json);
        return f;
    }

    private void sort(String name, Tensor t) throws IOException {
        if (name.startsWith(MODEL)) {
            model.put(name.substring(MODEL.length()), floating(name, t));
        } else if (name.startsWith(OPTIMIZER)) {
            optimizer.put(name.substring(OPTIMIZER.length()), floating(name, t));
        } else if (name.startsWith(SCHEDULER)) {
            scheduler.put(name.substring(SCHEDULER.length()), floating(name, t));
        } else if (name.startsWith(GENERATOR)) {
            generators.put(name.substring(GENERATOR.length()), generatorState(name, t));
        } else if (name.startsWith(TENSOR)) {
            tensors.put(name.substring(TENSOR.length()), t);
        } else {
            throw problem("unexpected tensor '" + FileFormat.clip(name) + "' (a checkpoint holds model.*, optimizer.*,"
                    + " scheduler.*, generator.* and tensor.*)");
        }
    }

    private Tensor floating(String name, Tensor t) throws IOException {
        if (t.dtype() != DType.FLOAT32) {
            throw problem("tensor '" + FileFormat.clip(name) + "' has dtype I64, but model, optimizer and scheduler"
                    + " state is floating point");
        }
        return t;
    }

    /** A generator's state: I64 [n], one byte (0..255) per element. */
    private byte[] generatorState(String name, Tensor t) throws IOException {
        String where = "generator state '" + FileFormat.clip(name) + "'";
        if (t.dtype() != DType.INT64) throw problem(where + " must be I64, found a floating-point tensor");
        if (!Arrays.equals(t.shape(), new int[] {GENERATOR_STATE_BYTES})) {
            throw problem(where + " must have shape [" + GENERATOR_STATE_BYTES + "], found " + Arrays.toString(t.shape()));
        }
        long[] v = t.toLongArray();
        byte[] out = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            if (v[i] < 0 || v[i] > 255) throw problem(where + "[" + i + "] = " + v[i] + " is not a byte (0..255)");
            out[i] = (byte) v[i];
        }
        try {
            new Generator(0).setState(out); // a state no generator can hold is damage, found now
        } catch (IllegalArgumentException ex) {
            throw problem(where + ": " + ex.getMessage());
        }
        return out;
    }

    private void parse(Object json) throws IOException {
        if (!(json instanceof Map<?, ?> m)) throw problem(ENTRY + " must be a JSON object");
        for (Object key : m.keySet()) {
            if (!JSON_KEYS.contains(key)) throw problem(ENTRY + " has an unknown entry \"" + FileFormat.clip((String) key) + "\"");
        }
        step = count(m, "step");
        epoch = count(m, "epoch");
        text(m, "model", true);
        optimizerClass = text(m, "optimizer", false);
        schedulerClass = text(m, "scheduler", false);
        part("optimizer", optimizerClass, optimizer);
        part("scheduler", schedulerClass, scheduler);
        for (Map.Entry<?, ?> e : object(m, "longs").entrySet()) {
            if (!(e.getValue() instanceof Long v)) throw problem(ENTRY + " longs." + e.getKey() + " must be an integer");
            longs.put((String) e.getKey(), v);
        }
        for (Map.Entry<?, ?> e : object(m, "doubles").entrySet()) doubles.put((String) e.getKey(), number(e));
    }

    /** The class named in the JSON and the part's tensors go together: both or neither. */
    private void part(String what, String className, Map<String, Tensor> tensors) throws IOException {
        if (className != null && tensors.isEmpty()) {
            throw problem("it names a " + FileFormat.clip(className) + " " + what + " but holds no " + what + ".* tensors");
        }
        if (className == null && !tensors.isEmpty()) {
            throw problem("it holds " + what + ".* tensors but names no " + what + " class");
        }
    }

    private long count(Map<?, ?> m, String key) throws IOException {
        if (!(m.get(key) instanceof Long v) || v < 0) {
            throw problem(ENTRY + " \"" + key + "\" must be a non-negative integer");
        }
        return v;
    }

    private String text(Map<?, ?> m, String key, boolean required) throws IOException {
        Object v = m.get(key);
        if (v == null && !required) return null;
        if (!(v instanceof String s)) throw problem(ENTRY + " \"" + key + "\" must be a string");
        return s;
    }

    private Map<?, ?> object(Map<?, ?> m, String key) throws IOException {
        Object v = m.get(key);
        if (v == null) return Map.of();
        if (!(v instanceof Map<?, ?> o)) throw problem(ENTRY + " \"" + key + "\" must be a JSON object");
        return o;
    }

    /** A double written by {@link #doublesJson}: a number, or "NaN", "Infinity", "-Infinity", "-0.0". */
    private double number(Map.Entry<?, ?> e) throws IOException {
        Object v = e.getValue();
        if (v instanceof Long l) return l;
        if (v instanceof BigDecimal d) {
            double x = d.doubleValue();
            if (Double.isFinite(x)) return x;
        }
        if (v instanceof String s && List.of("NaN", "Infinity", "-Infinity", "-0.0").contains(s)) return Double.parseDouble(s);
        throw problem(ENTRY + " doubles." + FileFormat.clip((String) e.getKey()) + " must be a double");
    }

    /**
     * The JSON of {@code doubles}: numbers, but for those JSON's numbers cannot carry, written as
     * Java spells them: "NaN", "Infinity", "-Infinity" and "-0.0" (a JSON {@code -0.0} reads back as 0).
     */
    static Map<String, Object> doublesJson(Map<String, Double> doubles) {
        Map<String, Object> out = new LinkedHashMap<>();
        doubles.forEach((k, v) -> {
            boolean plain = Double.isFinite(v) && Double.doubleToRawLongBits(v) != Double.doubleToRawLongBits(-0.0);
            out.put(k, plain ? (Object) v : Double.toString(v));
        });
        return out;
    }

    private IOException problem(String message) {
        return new IOException(path + ": " + message);
    }
}
