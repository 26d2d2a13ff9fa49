package org.rnn4j.cli;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rnn4j.io.Models;
import org.rnn4j.nn.RecurrentConfig;
import org.rnn4j.tasks.text.TextCorpus;
import org.rnn4j.tasks.text.TextOptions;
import org.rnn4j.tasks.text.TextOptionsJson;
import org.rnn4j.tasks.text.TextTrainer;
import org.rnn4j.tasks.text.TrainingHistory;

/** What {@code text train} prints and writes besides the checkpoint: the summary, model file, metrics.json, loss.png. */
final class TextReport {
    /**
     * This process's share of a run: the step it started from, its wall time, the most heap in use
     * after a step or validation (garbage not yet collected included: at most -Xmx), and the heap
     * the last collections kept (the live data).
     */
    record Run(int firstStep, double seconds, long peakHeapBytes, long heapAfterGcBytes) {}

    /** Bytes of heap in use now. */
    static long heapInUse() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Bytes the heap's pools held after their last collection (what survived). */
    static long heapAfterGc() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() != MemoryType.HEAP || !p.isValid() || p.getCollectionUsage() == null) continue;
            sum += Math.max(0, p.getCollectionUsage().getUsed());
        }
        return sum;
    }

    private TextReport() {}

    /** One line: the text, its split and lanes, the model. */
    static String describe(TextTrainer t) {
        TextCorpus c = t.corpus();
        TextOptions o = t.options();
        RecurrentConfig r = t.model().config();
        int lane = c.trainSize() / o.batch();
        long params = t.model().parameters().stream().mapToLong(p -> p.numel()).sum();
        return String.format(Locale.ROOT, "%s: %,d characters, %d distinct; %,d train in %d lanes of %,d (%,d windows of"
                        + " %d a pass), %,d held out; %s %d x %d, embedding %d, %,d parameters",
                Path.of(c.source()).getFileName(), c.trainSize() + c.validationSize(), c.vocabulary().size(),
                c.trainSize(), o.batch(), lane, (lane - 1) / o.seq(), o.seq(), c.validationSize(), r.cell(),
                r.numLayers(), r.hiddenSize(), o.embed(), params);
    }

    /** Writes model.safetensors, metrics.json and loss.png, all or nothing; returns their paths. */
    static List<Path> write(Path dir, TextTrainer t, Run run) throws IOException {
        try (AtomicOutput files = new AtomicOutput(dir)) {
            files.stage("model.safetensors", o -> writeModel(dir, t, o));
            files.stage("metrics.json", o -> writeMetrics(t, run, o));
            files.stage("loss.png", TextLossChart.png(t.history(), "Character language model, "
                    + Path.of(t.corpus().source()).getFileName()));
            return files.commit();
        }
    }

    /** Through a temporary file beside the outputs: the model file writer wants a path. */
    private static void writeModel(Path dir, TextTrainer t, OutputStream o) throws IOException {
        Path tmp = Files.createTempFile(dir, ".model-", ".tmp");
        try {
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("text.options", TextOptionsJson.write(t.options()).toString());
            meta.put("text.source", String.valueOf(Path.of(t.corpus().source()).getFileName()));
            meta.put("text.steps", Integer.toString(t.stepsDone()));
            TrainingHistory.Validation v = t.history().lastValidation();
            if (v != null) meta.put("text.val_bpc", Double.toString(v.bpc()));
            Models.save(tmp, t.model(), meta);
            Files.copy(tmp, o);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static void writeMetrics(TextTrainer t, Run run, OutputStream o) throws IOException {
        TrainingHistory h = t.history();
        TextOptions opt = t.options();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("steps", t.stepsDone());
        m.put("train_bpc", h.trainBpc());
        TrainingHistory.Validation last = h.lastValidation();
        m.put("val_bpc", last == null ? Double.NaN : last.bpc());
        m.put("vocab_size", t.corpus().vocabulary().size());
        double ms = h.medianStepMillis();
        m.put("ms_per_step", ms);
        m.put("seconds", run.seconds());
        m.put("chars_per_second", opt.batch() * opt.seq() * 1000.0 / ms);
        m.put("train_characters", t.corpus().trainSize());
        m.put("validation_characters", t.corpus().validationSize());
        m.put("parameters", t.model().parameters().stream().mapToLong(p -> p.numel()).sum());
        m.put("resumed_from_step", run.firstStep());
        m.put("peak_heap_mb", run.peakHeapBytes() / (1024.0 * 1024.0));
        m.put("heap_after_gc_mb", run.heapAfterGcBytes() / (1024.0 * 1024.0));
        m.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024.0 * 1024.0));
        List<Map<String, Object>> val = new ArrayList<>();
        for (TrainingHistory.Validation v : h.validation()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("step", v.step());
            e.put("bpc", v.bpc());
            val.add(e);
        }
        m.put("validation", val);
        m.put("options", TextOptionsJson.write(opt));
        Writer w = new OutputStreamWriter(o, StandardCharsets.UTF_8);
        new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create().toJson(m, w);
        w.write("\n");
        w.flush();
    }

    /** The closing line: validation and training bpc, speed, time. */
    static String verdict(TextTrainer t, double seconds) {
        TrainingHistory h = t.history();
        TrainingHistory.Validation v = h.lastValidation();
        double ms = h.medianStepMillis();
        return String.format(Locale.ROOT, "validation %.4f bpc after %,d steps (train %.4f over the last %d); %.0f ms a"
                        + " step (median), %,.0f characters/s; %.1f s", v == null ? Double.NaN : v.bpc(), t.stepsDone(),
                h.trainBpc(), Math.min(TrainingHistory.TRAIN_BPC_STEPS, h.steps()), ms,
                t.options().batch() * t.options().seq() * 1000.0 / ms, seconds);
    }
}
