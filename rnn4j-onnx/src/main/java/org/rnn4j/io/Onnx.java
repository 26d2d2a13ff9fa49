package org.rnn4j.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.rnn4j.nn.Module;
import org.rnn4j.onnx.export.ExportContext;
import org.rnn4j.onnx.export.Exporters;
import org.rnn4j.onnx.export.ModuleExporter;
import org.rnn4j.onnx.imports.GraphImporter;
import org.rnn4j.onnx.proto.ModelDecoder;
import org.rnn4j.onnx.proto.ModelEncoder;
import org.rnn4j.onnx.proto.OnnxGraph;
import org.rnn4j.onnx.proto.OnnxModel;
import org.rnn4j.onnx.proto.OnnxValueInfo;

/**
 * ONNX export and import of rnn4j modules.
 *
 * <pre>{@code
 * LSTM lstm = new LSTM(8, 32, LSTM.options().numLayers(2).bidirectional(true));
 * Onnx.export(lstm, Path.of("lstm.onnx"));                          // opset 17
 * Onnx.export(lstm, Path.of("lstm14.onnx"), Onnx.options().opset(14).batchFirst(true));
 * Module back = Onnx.load(Path.of("lstm.onnx"));                   // an LSTM with the same weights
 * }</pre>
 *
 * <p>A recurrent model has graph inputs {@code input} [T, B, I] ([B, T, I] batch-first), {@code h0}
 * [L*D, B, H] (and {@code c0}) and outputs {@code output} [T, B, D*H], {@code h_n} (and {@code c_n})
 * in PyTorch's layouts; time and batch are dynamic axes. Each layer is one ONNX RNN/LSTM/GRU node
 * with the gate blocks reordered (LSTM: PyTorch i,f,g,o to ONNX i,o,f,c; GRU: r,z,n to z,r,h with
 * {@code linear_before_reset=1}); see {@link org.rnn4j.onnx.rnn.OnnxCell}.
 *
 * <p>A model without recurrence ({@code Linear}, {@code Embedding}, {@code LayerNorm},
 * {@code Dropout}, {@code Tanh}, {@code ReLU}, {@code Sigmoid} and {@code Sequential} of them) has
 * one input {@code input} and one output {@code output}: FLOAT [time, batch, F] ([batch, time, F]
 * with {@code batchFirst(true)}), or INT64 [time, batch] indices when it starts with an Embedding;
 * {@code output} keeps those lead axes. Dropout exports as the identity (eval semantics). A
 * Sequential's children follow one another in the graph, nested ones flattened; see
 * {@link org.rnn4j.onnx.export.SequentialExporter}. LayerNorm is one {@code LayerNormalization}
 * node from opset 17, and PyTorch's decomposition into ReduceMean, Sub, Mul, Sqrt, Div and Add
 * before.
 *
 * <p>The models of the forecast and text commands export too: a {@code ForecastNet} has inputs
 * {@code input} [batch, lookback, C] and {@code base} [batch, horizon] and output {@code output}
 * [batch, horizon] (the normalised forecast; see {@link org.rnn4j.onnx.export.ForecastNetExporter}
 * for the scaling the caller applies), a {@code CharLanguageModel} inputs {@code input} INT64
 * [batch, time], {@code h0} (and {@code c0}) and outputs {@code output} [batch, time, V] (the
 * logits), {@code h_n} (and {@code c_n}); see
 * {@link org.rnn4j.onnx.export.CharLanguageModelExporter}. Their graphs name the module's
 * model-file type and options (a text model's vocabulary) in the model's metadata
 * ({@link org.rnn4j.onnx.export.ModuleDescription}), from which {@link #load} rebuilds them.
 *
 * <p>{@link #load} reads those graphs, and PyTorch's exports of the same modules, back: one module
 * as itself, several in a row as a {@code Sequential}, the identity as an empty one. What a graph
 * does not record comes back at its default: Dropout layers (absent from an eval-mode graph) and
 * an Embedding's {@code padding_idx} (it only affects training). A recurrent layer chained with
 * other modules (PyTorch's {@code Sequential(Linear, LSTM)}) has no rnn4j module and is refused.
 *
 * <p>Files are read and written by a small codec of the protobuf wire format
 * ({@link ModelDecoder}, {@link ModelEncoder}): this jar needs nothing but rnn4j-core, and a hostile
 * file (truncated, tensors whose data disagree with their dims, huge dimensions, cycles) is
 * refused with an IOException before anything large is allocated.
 */
public final class Onnx {
    /** The opsets export accepts: the recurrent ops took their current form (the layout attribute) in 14. */
    public static final int MIN_OPSET = 14;
    public static final int MAX_OPSET = 21;
    /** Largest .onnx file {@link #load} reads: protobuf's own 2 GiB limit. */
    static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 8;

    private Onnx() {}

    /** Export options: {@code opset(int)} (17), {@code batchFirst(boolean)} (the model's own). */
    public static final class Options {
        private final int opset;
        private final Boolean batchFirst;

        private Options(int opset, Boolean batchFirst) {
            this.opset = opset;
            this.batchFirst = batchFirst;
        }

        /** The ONNX operator set version, 14 to 21. */
        public Options opset(int v) {
            if (v < MIN_OPSET || v > MAX_OPSET) {
                throw new IllegalArgumentException("opset must be between " + MIN_OPSET + " and " + MAX_OPSET + ", got " + v);
            }
            return new Options(v, batchFirst);
        }

        /** The layout of the graph's input and output: [B, T, F] if true, [T, B, F] if false. */
        public Options batchFirst(boolean v) {
            return new Options(opset, v);
        }

        public int opset() {
            return opset;
        }

        /** The layout asked for, or null: the model's own. */
        public Boolean batchFirst() {
            return batchFirst;
        }
    }

    public static Options options() {
        return new Options(17, null);
    }

    public static void export(Module model, Path file) throws IOException {
        export(model, file, options());
    }

    /**
     * Writes {@code model} to {@code file} (replaced atomically). Throws IllegalArgumentException for
     * a module type or option ONNX cannot express, naming it.
     */
    public static void export(Module model, Path file, Options options) throws IOException {
        if (file == null) throw new IllegalArgumentException("file must not be null");
        if (options == null) throw new IllegalArgumentException("options must not be null");
        byte[] bytes = ModelEncoder.encode(toOnnx(model, options));
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            Files.write(tmp, bytes);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The ONNX model for {@code model} as an in-memory graph (what {@link #export} writes). */
    public static OnnxModel toOnnx(Module model, Options options) {
        Exporters exporters = Exporters.standard();
        ModuleExporter<Module> exporter = exporters.forModule(model);
        Set<String> reserved = new HashSet<>();
        ExportContext ctx = new ExportContext(options.opset(), options.batchFirst(), exporters, reserved);
        ModuleExporter.Signature sig = exporter.signature(model, ctx);
        for (OnnxValueInfo v : sig.inputs()) ctx.fresh(v.name());
        for (OnnxValueInfo v : sig.outputs()) ctx.fresh(v.name());
        exporter.export(model, ctx, names(sig.inputs()), names(sig.outputs()));
        OnnxGraph graph = new OnnxGraph(exporter.graphName(model, ctx), ctx.nodes(), ctx.initializers(),
                sig.inputs(), sig.outputs(), List.of());
        return new OnnxModel(irVersion(options.opset()), List.of(new OnnxModel.OpsetId("", options.opset())),
                "rnn4j", "", graph, exporter.metadata(model, ctx));
    }

    /** The IR version of the ONNX release that introduced each opset (onnx's version table). */
    static long irVersion(int opset) {
        if (opset <= 14) return 7;
        if (opset <= 18) return 8;
        if (opset <= 20) return 9;
        return 10;
    }

    private static List<String> names(List<OnnxValueInfo> values) {
        return values.stream().map(OnnxValueInfo::name).toList();
    }

    /**
     * Reads an ONNX file written by {@link #export} or by {@code torch.onnx.export} for the supported
     * modules and returns the rnn4j module with its weights. A graph whose metadata names its module
     * (the forecast and text models) loads as that module, and only if it is exactly what
     * {@link #export} writes for it. IOException for a malformed file;
     * IllegalArgumentException naming the op and node for an op rnn4j cannot import.
     */
    public static Module load(Path file) throws IOException {
        return GraphImporter.toModule(read(file));
    }

    /** Reads and decodes an ONNX file without interpreting it (what {@code rnn4j inspect} prints). */
    public static OnnxModel read(Path file) throws IOException {
        if (file == null) throw new IllegalArgumentException("file must not be null");
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new IOException(file + " is " + size + " bytes: larger than the 2 GiB a protobuf message may have");
        }
        try {
            return ModelDecoder.decode(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IOException(file + " is not a valid ONNX model: " + e.getMessage(), e);
        }
    }
}
