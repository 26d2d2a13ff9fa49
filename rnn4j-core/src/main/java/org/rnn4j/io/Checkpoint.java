package org.rnn4j.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rnn4j.tensor.Tensor;

/**
 * The values of one moment of a training run that a checkpoint stores beside the state of its live
 * objects ({@link TrainingState}): the step and epoch, named tensors (the hidden state carried
 * between windows, a data loader's order), named integers and doubles (a loader's position, the
 * best validation loss so far), and the caller's own metadata strings (the run's options, a
 * vocabulary as JSON). Immutable; each {@code with} method returns a changed copy.
 *
 * <pre>{@code
 * Checkpoint now = Checkpoint.at(step).withEpoch(epoch)
 *         .withTensor("hidden.h", h).withLong("loader.position", position)
 *         .withMetadata("options", optionsJson);
 * }</pre>
 *
 * <p>Tensors are written as they are when the checkpoint is saved (FLOAT32 or INT64); those
 * {@link Checkpoints#restore} returns are fresh. Integers and doubles are stored exactly (NaN and
 * the infinities included).
 *
 * @param step     the number of optimizer steps taken (non-negative)
 * @param epoch    the epoch (non-negative)
 * @param metadata the caller's entries; keys may not start with {@code rnn4j.}
 */
public record Checkpoint(long step, long epoch, Map<String, Tensor> tensors, Map<String, Long> longs,
                         Map<String, Double> doubles, Map<String, String> metadata) {
    public Checkpoint {
        if (step < 0) throw new IllegalArgumentException("step must be non-negative, got " + step);
        if (epoch < 0) throw new IllegalArgumentException("epoch must be non-negative, got " + epoch);
        tensors = copy("tensor", tensors);
        longs = copy("long value", longs);
        doubles = copy("double value", doubles);
        metadata = Collections.unmodifiableMap(FileFormat.checkUserEntries(metadata));
    }

    /** A checkpoint of step {@code step}, epoch 0, with nothing else. */
    public static Checkpoint at(long step) {
        return new Checkpoint(step, 0, Map.of(), Map.of(), Map.of(), Map.of());
    }

    public Checkpoint withEpoch(long epoch) {
        return new Checkpoint(step, epoch, tensors, longs, doubles, metadata);
    }

    /** This checkpoint with the tensor {@code name} (FLOAT32 or INT64, any shape) added or replaced. */
    public Checkpoint withTensor(String name, Tensor value) {
        return new Checkpoint(step, epoch, put(tensors, name, value), longs, doubles, metadata);
    }

    public Checkpoint withLong(String name, long value) {
        return new Checkpoint(step, epoch, tensors, put(longs, name, value), doubles, metadata);
    }

    public Checkpoint withDouble(String name, double value) {
        return new Checkpoint(step, epoch, tensors, longs, put(doubles, name, value), metadata);
    }

    public Checkpoint withMetadata(String key, String value) {
        return new Checkpoint(step, epoch, tensors, longs, doubles, put(metadata, key, value));
    }

    /**
     * The tensor stored under {@code name}.
     *
     * @throws IllegalArgumentException if there is none (the message lists the names there are)
     */
    public Tensor tensor(String name) {
        return get(tensors, "tensor", name);
    }

    public long longValue(String name) {
        return get(longs, "long value", name);
    }

    public double doubleValue(String name) {
        return get(doubles, "double value", name);
    }

    private static <V> V get(Map<String, V> map, String what, String name) {
        V v = map.get(name);
        if (v == null) {
            throw new IllegalArgumentException("checkpoint has no " + what + " '" + name + "' (it has: "
                    + String.join(", ", map.keySet()) + ")");
        }
        return v;
    }

    private static <V> Map<String, V> put(Map<String, V> map, String key, V value) {
        Map<String, V> out = new LinkedHashMap<>(map);
        out.put(key, value);
        return out;
    }

    private static <V> Map<String, V> copy(String what, Map<String, V> map) {
        if (map == null) throw new IllegalArgumentException(what + "s must not be null (use an empty map)");
        Map<String, V> out = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (k == null || k.isEmpty()) throw new IllegalArgumentException(what + " name must not be null or empty");
            if (v == null) throw new IllegalArgumentException(what + " '" + k + "' must not be null");
            out.put(k, v);
        });
        return Collections.unmodifiableMap(out);
    }
}
