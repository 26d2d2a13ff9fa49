package org.rnn4j.tasks.forecast;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rnn4j.io.SafeTensors;
import org.rnn4j.tensor.Tensor;

/**
 * A {@link TrainerCheckpoint} in one safetensors file: the tensors {@code model.*}, {@code best.*}
 * and {@code optimizer.*} (the state dicts, PyTorch names), and the position and scores as
 * metadata strings under {@code rnn4j.trainer.*} (doubles in Java's shortest exact form, so they
 * read back bit for bit). Saved through {@link SafeTensors#save}, which writes a temporary file
 * and renames it over the old one: a crash leaves either the old checkpoint or the new one.
 */
public final class TrainerCheckpointFile implements TrainerCheckpoint {
    /** The metadata key naming the format. */
    public static final String KEY = "rnn4j.trainer";
    /** The value of {@link #KEY} this class writes and reads. */
    public static final String FORMAT = "forecast-trainer/1";
    private static final String[] GROUPS = {"model.", "best.", "optimizer."};

    private final Path file;

    public TrainerCheckpointFile(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    @Override
    public void save(TrainerState s) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        s.model().forEach((k, v) -> tensors.put(GROUPS[0] + k, v));
        s.best().forEach((k, v) -> tensors.put(GROUPS[1] + k, v));
        s.optimizer().forEach((k, v) -> tensors.put(GROUPS[2] + k, v));
        TrainerState.Position p = s.position();
        TrainerState.History h = s.history();
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(KEY, FORMAT);
        meta.put(KEY + ".run", s.run());
        meta.put(KEY + ".step", Integer.toString(p.step()));
        meta.put(KEY + ".epoch", Integer.toString(p.epoch()));
        meta.put(KEY + ".batch_in_epoch", Integer.toString(p.batchInEpoch()));
        meta.put(KEY + ".next", Integer.toString(p.next()));
        meta.put(KEY + ".shuffles", Integer.toString(p.shuffles()));
        meta.put(KEY + ".train_loss", join(h.trainLoss()));
        meta.put(KEY + ".validation_loss", join(h.validationLoss()));
        meta.put(KEY + ".epoch_loss_sum", Double.toString(h.epochLossSum()));
        meta.put(KEY + ".best_epoch", Integer.toString(h.bestEpoch()));
        meta.put(KEY + ".best_loss", Double.toString(h.bestLoss()));
        SafeTensors.save(file, tensors, meta);
    }

    @Override
    public Optional<TrainerState> load() throws IOException {
        if (!Files.exists(file)) return Optional.empty();
        Map<String, String> meta = SafeTensors.metadata(file);
        if (!FORMAT.equals(meta.get(KEY))) {
            throw new IOException(file + ": not an rnn4j trainer checkpoint (metadata " + KEY + " is "
                    + meta.get(KEY) + ", expected " + FORMAT + ")");
        }
        List<Map<String, Tensor>> groups = List.of(new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>());
        for (Map.Entry<String, Tensor> e : SafeTensors.load(file).entrySet()) {
            int g = group(e.getKey());
            groups.get(g).put(e.getKey().substring(GROUPS[g].length()), e.getValue());
        }
        try {
            TrainerState.Position p = new TrainerState.Position(integer(meta, "step"), integer(meta, "epoch"),
                    integer(meta, "batch_in_epoch"), integer(meta, "next"), integer(meta, "shuffles"));
            TrainerState.History h = new TrainerState.History(doubles(get(meta, "train_loss")),
                    doubles(get(meta, "validation_loss")), Double.parseDouble(get(meta, "epoch_loss_sum")),
                    integer(meta, "best_epoch"), Double.parseDouble(get(meta, "best_loss")));
            return Optional.of(new TrainerState(get(meta, "run"), p, h, groups.get(0), groups.get(1), groups.get(2)));
        } catch (NumberFormatException e) {
            throw new IOException(file + ": damaged trainer checkpoint (" + e.getMessage() + ")", e);
        }
    }

    private int group(String key) throws IOException {
        for (int g = 0; g < GROUPS.length; g++) if (key.startsWith(GROUPS[g])) return g;
        throw new IOException(file + ": unexpected tensor '" + key + "' in a trainer checkpoint");
    }

    private String get(Map<String, String> meta, String key) throws IOException {
        String v = meta.get(KEY + "." + key);
        if (v == null) throw new IOException(file + ": damaged trainer checkpoint (no metadata " + KEY + "." + key + ")");
        return v;
    }

    private int integer(Map<String, String> meta, String key) throws IOException {
        return Integer.parseInt(get(meta, key));
    }

    private static String join(List<Double> values) {
        return String.join(",", values.stream().map(d -> Double.toString(d)).toList());
    }

    private static List<Double> doubles(String s) {
        List<Double> out = new ArrayList<>();
        if (!s.isEmpty()) for (String v : s.split(",")) out.add(Double.parseDouble(v));
        return out;
    }

    @Override
    public String toString() {
        return file.toString();
    }
}
