package org.rnn4j.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnn4j.internal.BuildScope;
import org.rnn4j.nn.Module;
import org.rnn4j.tensor.Tensor;

/**
 * Self-describing model files: one safetensors file holding a module's weights under its own
 * parameter names (so PyTorch's {@code load_state_dict} reads them as any state dict) and, in its
 * metadata, the architecture, so that {@link #load(Path)} rebuilds the module without the code
 * that made it: the CLI's predict, a Spark executor, a service.
 *
 * <pre>{@code
 * Models.save(Path.of("model.safetensors"), lstm, Map.of("scaling", "{\"mean\": 0.5}"));
 * LSTM again = Models.load(Path.of("model.safetensors"), LSTM.class);   // same outputs, bit for bit
 * }</pre>
 *
 * <p>Metadata entries (all strings):
 * <pre>
 *   rnn4j.format           "model"
 *   rnn4j.format_version   "1" ({@link #FORMAT_VERSION}); a newer file is refused by name
 *   rnn4j.model            the module tree as JSON (see below)
 *   rnn4j.data_crc32       CRC-32 of the data section (zlib's), unsigned decimal
 *   anything else          the caller's own entries (vocabulary, scaling, column names), kept as given
 * </pre>
 * The tree has one node per module with a codec: {@code {"type": "LSTM", "config": {"input_size":
 * 8, "hidden_size": 32, ...}}}, and containers list their submodules' nodes under
 * {@code "children"} by name. {@link ModuleCodecs} says which types exist; the package
 * documentation says how to add one.
 *
 * <p>Files are untrusted input. Loading checks, before reading any weight: the format and its
 * version, the size (4 MiB) and nesting of the JSON, every module type and option (unknown or
 * ignored options included), and that the rebuilt module's parameter names and shapes equal the
 * file's tensors; building draws its throwaway initial weights from a private generator (the
 * default generator's stream does not move) and may allocate no more than the file's weights
 * hold. Then the data checksum. Every problem is an IOException whose one-line message names
 * the file and the problem.
 */
public final class Models {
    /** The model format this rnn4j writes, and the newest it reads. */
    public static final int FORMAT_VERSION = 1;
    static final String KIND = "model";
    static final String ARCHITECTURE = FileFormat.PREFIX + "model";

    private Models() {}

    /** Saves {@code model} with no metadata of the caller's. */
    public static void save(Path path, Module model) throws IOException {
        save(path, model, Map.of());
    }

    /** Saves {@code model} with the {@link ModuleCodecs#standard()} codecs. */
    public static void save(Path path, Module model, Map<String, String> metadata) throws IOException {
        save(path, model, metadata, ModuleCodecs.standard());
    }

    /**
     * Saves {@code model}'s weights, architecture and {@code metadata} to {@code path}, atomically
     * (as {@link SafeTensors#save}). Before writing, the architecture is rebuilt once from the
     * JSON about to be written, so that a file that could not be loaded again is never written.
     *
     * @throws IllegalArgumentException if a module of the tree has no codec in {@code codecs},
     *     its codec does not round-trip, or a metadata key starts with {@code rnn4j.}
     * @throws IOException if writing fails (an existing file is then unchanged)
     */
    public static void save(Path path, Module model, Map<String, String> metadata, ModuleCodecs codecs)
            throws IOException {
        if (path == null) throw new IllegalArgumentException("path must not be null");
        if (model == null) throw new IllegalArgumentException("model must not be null");
        if (codecs == null) throw new IllegalArgumentException("codecs must not be null");
        Map<String, String> user = FileFormat.checkUserEntries(metadata);
        String json = JsonWriter.write(ModuleTree.encode(model, codecs));
        Map<String, Tensor> weights = model.stateDict();
        String problem;
        try {
            problem = ShapeCheck.mismatch(ShapeCheck.shapes(weights), parameterShapes(build(Json.parse(json), codecs,
                    weights.values().stream().mapToLong(Tensor::numel).sum(), weights.size())));
        } catch (IOException | IllegalArgumentException ex) {
            problem = ex.getMessage();
        }
        if (problem != null) {
            throw new IllegalArgumentException("cannot save " + model.getClass().getSimpleName() + " as a model file:"
                    + " its architecture does not rebuild it: " + problem);
        }
        Map<String, String> meta = FileFormat.stamp(KIND, FORMAT_VERSION, DataChecksum.of(weights.values()));
        meta.put(ARCHITECTURE, json);
        meta.putAll(user);
        SafeTensors.save(path, weights, meta);
    }

    /** The module of a model file, with its weights, in eval mode ({@link #read(Path)}). */
    public static Module load(Path path) throws IOException {
        return read(path).module();
    }

    /**
     * {@link #load(Path)}, checking that the file's root module is a {@code type}.
     *
     * @throws IOException if the file is not a valid model file or holds another module type
     */
    public static <M extends Module> M load(Path path, Class<M> type) throws IOException {
        if (type == null) throw new IllegalArgumentException("type must not be null");
        Module m = load(path);
        if (!type.isInstance(m)) {
            throw new IOException(path + ": the model is a " + m.getClass().getSimpleName() + ", not a "
                    + type.getSimpleName());
        }
        return type.cast(m);
    }

    /** {@link #read(Path, ModuleCodecs)} with the {@link ModuleCodecs#standard()} codecs. */
    public static ModelFile read(Path path) throws IOException {
        return read(path, ModuleCodecs.standard());
    }

    /**
     * Rebuilds the module a model file describes and loads its weights; the module is returned in
     * eval mode (call {@code train()} to fine-tune), with the file's own metadata entries.
     *
     * @throws IOException naming the file and the problem: not a model file, a newer format,
     *     damaged or hostile content, an unknown module type or option, an architecture that does
     *     not match the weights
     */
    public static ModelFile read(Path path, ModuleCodecs codecs) throws IOException {
        if (path == null) throw new IllegalArgumentException("path must not be null");
        if (codecs == null) throw new IllegalArgumentException("codecs must not be null");
        Map<String, String> meta = named(path, () -> SafeTensors.metadata(path));
        FileFormat.check(path, meta, KIND, FORMAT_VERSION);
        Object tree = FileFormat.json(path, meta, ARCHITECTURE);
        List<TensorInfo> infos = named(path, () -> SafeTensors.describe(path));
        Map<String, int[]> stored = new LinkedHashMap<>();
        long elements = 0;
        for (TensorInfo t : infos) {
            if (t.dtype().equals(ElementType.I64.name())) {
                throw new IOException(path + ": tensor '" + FileFormat.clip(t.name()) + "' has dtype I64, but model"
                        + " weights are floating point (F32, F64, F16 or BF16)");
            }
            stored.put(t.name(), t.shape());
            elements += numel(t.shape());
        }
        Module model;
        try {
            model = build(tree, codecs, elements, infos.size());
        } catch (IllegalArgumentException ex) {
            throw new IOException(path + ": " + ex.getMessage(), ex);
        }
        String problem = ShapeCheck.mismatch(parameterShapes(model), stored);
        if (problem != null) throw new IOException(path + ": the architecture does not match the weights: " + problem);
        FileFormat.verifyChecksum(path, meta);
        Map<String, Tensor> weights = named(path, () -> SafeTensors.load(path));
        model.loadStateDict(weights);
        model.eval();
        return new ModelFile(model, FileFormat.userEntries(meta));
    }

    /**
     * Builds the tree in a {@link BuildScope}: a private generator, and no more memory than
     * {@code elements} float32 weights in {@code tensors} tensors need (twice over, for slack).
     */
    private static Module build(Object tree, ModuleCodecs codecs, long elements, int tensors) {
        long budget = 2 * (4 * elements + 64L * tensors) + (1 << 20);
        try (BuildScope scope = BuildScope.open(budget)) {
            return ModuleTree.decode(tree, codecs);
        }
    }

    private static Map<String, int[]> parameterShapes(Module m) {
        return ShapeCheck.shapes(m.namedParameters());
    }

    private static long numel(int[] shape) {
        long n = 1;
        for (int s : shape) n *= s; // bounded: the header proved the bytes exist
        return n;
    }

    interface Read<T> {
        T get() throws IOException;
    }

    /** Runs a SafeTensors read, prefixing its messages (which name tensors, not files) with the file. */
    static <T> T named(Path path, Read<T> read) throws IOException {
        try {
            return read.get();
        } catch (java.nio.file.NoSuchFileException ex) {
            throw new IOException(path + ": no such file", ex);
        } catch (java.nio.file.FileSystemException ex) { // its message is the path alone, its reason the problem
            throw new IOException(path + ": " + (ex.getReason() != null ? ex.getReason()
                    : ex.getClass().getSimpleName()), ex);
        } catch (IOException ex) {
            throw new IOException(path + ": " + ex.getMessage(), ex);
        }
    }
}
