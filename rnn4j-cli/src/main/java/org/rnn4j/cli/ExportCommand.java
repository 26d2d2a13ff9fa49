package org.rnn4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.rnn4j.io.ModelFile;
import org.rnn4j.io.Onnx;
import org.rnn4j.nn.Module;
import org.rnn4j.onnx.proto.DataType;
import org.rnn4j.onnx.proto.ModelEncoder;
import org.rnn4j.onnx.proto.OnnxModel;
import org.rnn4j.onnx.proto.OnnxValueInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rnn4j export --onnx OUT.onnx MODEL.safetensors}: a self-describing model file
 * ({@link org.rnn4j.io.Models}) as an ONNX graph ({@link Onnx#toOnnx}), written all or nothing
 * ({@link AtomicOutput}), with the model file's own metadata entries copied into the ONNX model's
 * ({@code metadata_props}). Every problem with the input or the output (missing, damaged, a plain
 * state dict without architecture, a module ONNX cannot express, an unwritable folder) is a usage
 * error: one line, exit status 2, nothing written.
 */
@Command(
        name = "export",
        sortOptions = false,
        description = {
            "Write a self-describing model file (one written by org.rnn4j.io.Models.save) as an ONNX graph.",
            "Recurrent models get the inputs input, h0 (c0) and outputs output, h_n (c_n) in PyTorch's layouts;"
                    + " other models input -> output. Time and batch are dynamic axes.",
            "The model files of forecast train (inputs input, base -> output: the normalised forecast) and text train"
                    + " (input, h0 (c0) -> output: the logits, h_n (c_n)) export too; the model file's metadata (the"
                    + " forecaster's scaling, the text model's options) and the module's options (the vocabulary) go"
                    + " into the ONNX model's metadata."
        })
public final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--onnx", paramLabel = "OUT.onnx", required = true,
            description = "Write the ONNX model here (replaced atomically; its folder is created if missing).")
    Path onnx;

    @Option(names = "--opset", paramLabel = "N", defaultValue = "17",
            description = "ONNX operator set version, " + Onnx.MIN_OPSET + " to " + Onnx.MAX_OPSET + " (default: ${DEFAULT-VALUE}).")
    int opset;

    @Option(names = "--batch-first", negatable = true,
            description = "Graph input and output as [batch, time, ...] (--batch-first) or [time, batch, ...]"
                    + " (--no-batch-first); default: the model's own layout.")
    Boolean batchFirst;

    @Parameters(index = "0", paramLabel = "MODEL.safetensors", description = "A self-describing model file.")
    Path model;

    @Override
    public Integer call() throws IOException {
        if (opset < Onnx.MIN_OPSET || opset > Onnx.MAX_OPSET) {
            throw Checks.invalid(spec, "--opset", "an integer from " + Onnx.MIN_OPSET + " to " + Onnx.MAX_OPSET,
                    String.valueOf(opset));
        }
        if (Files.isDirectory(onnx)) {
            throw Checks.usage(spec, "Invalid value for option '--onnx': '" + onnx + "' is a directory, expected a file name");
        }
        ModelFile file = ModelFiles.read(spec, model);
        Module module = file.module();
        Onnx.Options options = Onnx.options().opset(opset);
        if (batchFirst != null) options = options.batchFirst(batchFirst);
        OnnxModel graph;
        try {
            // the model file's own entries (a forecaster's scaling, a text model's options) travel along:
            // what a server needs beside the graph
            graph = Onnx.toOnnx(module, options).withMetadata(file.metadata());
        } catch (IllegalArgumentException e) { // the exporter names the module and option it cannot express
            throw Checks.usage(spec, "cannot export " + model + " to ONNX: " + Main.oneLine(e.getMessage()));
        }
        byte[] bytes = ModelEncoder.encode(graph);
        Path target = onnx.toAbsolutePath();
        Path parent = Checks.writableDirectory(spec, "--onnx", target.getParent());
        try (AtomicOutput files = new AtomicOutput(parent)) {
            files.stage(target.getFileName().toString(), bytes);
            files.commit();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("wrote %s: %s as ONNX opset %d, %d bytes%n", onnx, module.getClass().getSimpleName(), opset, bytes.length);
        out.println("  inputs:  " + signature(graph.graph().inputs()));
        out.println("  outputs: " + signature(graph.graph().outputs()));
        if (!graph.metadata().isEmpty()) out.println("  metadata: " + String.join(", ", graph.metadata().keySet()));
        out.flush();
        return 0;
    }

    private static String signature(List<OnnxValueInfo> values) {
        return values.stream().map(v -> v.name() + " " + DataType.name(v.elemType()) + " " + v.shapeText())
                .collect(Collectors.joining(", "));
    }
}
