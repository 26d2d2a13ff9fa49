package org.rnn4j.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rnn4j.nn.Module;
import org.rnn4j.optim.Optimizer;
import org.rnn4j.optim.lr.LRScheduler;
import org.rnn4j.tensor.Generator;
import org.rnn4j.tensor.Tensor;

/**
 * Checkpoints: one call saves a training run's whole state to one safetensors file, one call
 * restores it, so that a run stopped at any point (a crash, a pre-emption, {@code kill -9}) and
 * resumed from its last checkpoint ends with the same weights, bit for bit, as a run that never
 * stopped. {@link CheckpointManager} keeps the last N in a folder.
 *
 * <pre>{@code
 * TrainingState live = TrainingState.of(model).optimizer(adam).scheduler(schedule)
 *         .generator("default", Generator.defaultGenerator()).generator("shuffle", shuffle);
 * Checkpoints.save(file, live, Checkpoint.at(step).withTensor("hidden.h", h).withLong("position", pos));
 * ...
 * Checkpoint c = Checkpoints.restore(file, live);   // model, optimizer, scheduler, generators restored
 * long step = c.step();  Tensor h = c.tensor("hidden.h");
 * }</pre>
 *
 * <p>The file: tensors hold the state, JSON metadata the rest.
 * <pre>
 *   model.{name}            the model's state dict (F32)
 *   optimizer.{key}         Optimizer.stateDict(): state.{i}.{buffer}, param_groups.0.{name}, exact .f64 companions
 *   scheduler.{key}         LRScheduler.stateDict()
 *   generator.{name}        Generator.getState(), one byte per element (I64 [22])
 *   tensor.{name}           the Checkpoint's tensors (F32 or I64, as given)
 *
 *   __metadata__:
 *   rnn4j.format            "checkpoint"
 *   rnn4j.format_version    "1" ({@link #FORMAT_VERSION})
 *   rnn4j.data_crc32        CRC-32 (zlib's) of the data section, unsigned decimal
 *   rnn4j.checkpoint        {"step": 120, "epoch": 3, "model": "TextModel", "optimizer": "Adam",
 *                            "scheduler": "StepLR", "longs": {...}, "doubles": {...}}
 *                           (optimizer and scheduler only when present; doubles JSON cannot hold
 *                            exactly are strings: "NaN", "Infinity", "-Infinity", "-0.0")
 *   anything else           the Checkpoint's metadata entries
 * </pre>
 *
 * <p>Writes are atomic ({@link SafeTensors#save}: temporary file, fsync, rename, fsync of the
 * folder). Reads trust nothing: a damaged or hostile file is an IOException whose one-line
 * message names the file and the problem; a sound file that does not fit the live objects (other
 * parameter names or shapes, another optimizer class, other generators) is an
 * IllegalArgumentException naming the file. Either way nothing live has changed.
 */
public final class Checkpoints {
    /** The checkpoint format this rnn4j writes, and the newest it reads. */
    public static final int FORMAT_VERSION = 1;

    private Checkpoints() {}

    /**
     * Saves the state of {@code live} and the values of {@code now} to {@code path}, atomically.
     *
     * @throws IOException if writing fails; an existing file at {@code path} is then unchanged
     */
    public static void save(Path path, TrainingState live, Checkpoint now) throws IOException {
        save(path, live, now, tmp -> { });
    }

    static void save(Path path, TrainingState live, Checkpoint now, SafeTensors.BeforeCommit hook) throws IOException {
        if (path == null) throw new IllegalArgumentException("path must not be null");
        if (live == null) throw new IllegalArgumentException("training state must not be null");
        if (now == null) throw new IllegalArgumentException("checkpoint values must not be null");
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        prefix(tensors, CheckpointFile.MODEL, live.model().stateDict());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("step", now.step());
        json.put("epoch", now.epoch());
        json.put("model", live.model().getClass().getSimpleName());
        if (live.optimizer() != null) {
            json.put("optimizer", live.optimizer().getClass().getSimpleName());
            prefix(tensors, CheckpointFile.OPTIMIZER, live.optimizer().stateDict());
        }
        if (live.scheduler() != null) {
            json.put("scheduler", live.scheduler().getClass().getSimpleName());
            prefix(tensors, CheckpointFile.SCHEDULER, live.scheduler().stateDict());
        }
        live.generators().forEach((name, g) -> tensors.put(CheckpointFile.GENERATOR + name, generatorTensor(g)));
        prefix(tensors, CheckpointFile.TENSOR, now.tensors());
        json.put("longs", now.longs());
        json.put("doubles", CheckpointFile.doublesJson(now.doubles()));
        Map<String, String> meta = FileFormat.stamp(CheckpointFile.KIND, FORMAT_VERSION, DataChecksum.of(tensors.values()));
        meta.put(CheckpointFile.ENTRY, JsonWriter.write(json));
        meta.putAll(now.metadata());
        SafeTensors.save(path, tensors, meta, hook);
    }

    /**
     * Reads a checkpoint's values (step, epoch, tensors, numbers, metadata) without restoring
     * anything: to learn a run's options before its model is built, say. The whole file is checked
     * as {@link #restore} checks it on its own.
     *
     * @throws IOException naming the file and the problem, if it is not a sound checkpoint
     */
    public static Checkpoint read(Path path) throws IOException {
        return values(CheckpointFile.read(path));
    }

    /**
     * Checks that {@code path} is a sound checkpoint: format, version, metadata, checksum, every
     * tensor's part and dtype.
     *
     * @throws IOException naming the file and the problem
     */
    public static void verify(Path path) throws IOException {
        CheckpointFile.read(path);
    }

    /**
     * Restores the state of {@code live} from {@code path} and returns the checkpoint's values.
     * Everything is checked before anything changes: the file on its own, then the model's
     * parameter names and shapes, the optimizer's and scheduler's classes, the generator names;
     * should the optimizer or scheduler still refuse their state, what was restored is rolled back.
     *
     * @throws IOException naming the file and the problem, if it is not a sound checkpoint
     * @throws IllegalArgumentException naming the file and the difference, if it does not fit {@code live}
     */
    public static Checkpoint restore(Path path, TrainingState live) throws IOException {
        if (live == null) throw new IllegalArgumentException("training state must not be null");
        CheckpointFile f = CheckpointFile.read(path);
        check(f, live);
        Optimizer opt = live.optimizer();
        LRScheduler sched = live.scheduler();
        Map<String, Tensor> optimizerBefore = opt == null ? null : opt.stateDict();
        try {
            if (opt != null) opt.loadStateDict(f.optimizer);
            if (sched != null) sched.loadStateDict(f.scheduler);
        } catch (IllegalArgumentException ex) {
            if (opt != null) opt.loadStateDict(optimizerBefore); // the scheduler changes nothing when it refuses
            throw new IllegalArgumentException(path + ": " + ex.getMessage(), ex);
        }
        live.model().loadStateDict(f.model); // names and shapes checked above: cannot fail
        live.generators().forEach((name, g) -> g.setState(f.generators.get(name))); // states checked on read
        return values(f);
    }

    /** Everything about {@code live} that can be checked without changing it. */
    private static void check(CheckpointFile f, TrainingState live) {
        Module model = live.model();
        String problem = ShapeCheck.mismatch(ShapeCheck.shapes(model.namedParameters()), ShapeCheck.shapes(f.model));
        if (problem != null) {
            throw new IllegalArgumentException(f.path + ": the model (" + model.getClass().getSimpleName()
                    + ") does not match the checkpoint's: " + problem);
        }
        same(f, "optimizer", f.optimizerClass, live.optimizer() == null ? null : live.optimizer().getClass());
        same(f, "scheduler", f.schedulerClass, live.scheduler() == null ? null : live.scheduler().getClass());
        if (!f.generators.keySet().equals(live.generators().keySet())) {
            throw new IllegalArgumentException(f.path + ": the checkpoint holds generators " + f.generators.keySet()
                    + " but the run has " + live.generators().keySet());
        }
    }

    private static void same(CheckpointFile f, String what, String stored, Class<?> live) {
        String mine = live == null ? null : live.getSimpleName();
        if (stored == null && mine == null) return;
        if (stored == null || !stored.equals(mine)) {
            throw new IllegalArgumentException(f.path + ": the checkpoint holds " + (stored == null ? "no " + what
                    : "the state of a " + FileFormat.clip(stored) + " " + what) + " but the run has "
                    + (mine == null ? "none" : "a " + mine));
        }
    }

    private static Checkpoint values(CheckpointFile f) {
        return new Checkpoint(f.step, f.epoch, f.tensors, f.longs, f.doubles, f.metadata);
    }

    private static void prefix(Map<String, Tensor> out, String prefix, Map<String, Tensor> in) {
        in.forEach((k, v) -> out.put(prefix + k, v));
    }

    private static Tensor generatorTensor(Generator g) {
        byte[] state = g.getState();
        long[] v = new long[state.length];
        for (int i = 0; i < v.length; i++) v[i] = state[i] & 0xff;
        return Tensor.ofLongs(v, v.length);
    }
}
