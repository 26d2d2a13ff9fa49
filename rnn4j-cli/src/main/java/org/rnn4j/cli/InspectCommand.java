package org.rnn4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rnn4j.io.Models;
import org.rnn4j.io.Onnx;
import org.rnn4j.io.SafeTensors;
import org.rnn4j.io.TensorInfo;
import org.rnn4j.nn.Module;
import org.rnn4j.onnx.proto.ModelPrinter;
import org.rnn4j.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code rnn4j inspect FILE}: the tensors of a safetensors file with statistics, and its metadata
 * (for a self-describing model file, also the module it rebuilds); or, for a {@code .onnx} file,
 * its opset, inputs, outputs, initializers and nodes.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"List the tensors of a .safetensors file (name, dtype, shape, statistics) and its metadata;"
                + " for a self-describing model file, also its architecture (the module it rebuilds).",
                "For a .onnx file: its IR version and opset, inputs and outputs (with dynamic axes), initializers and nodes."})
public final class InspectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "a .safetensors or .onnx file")
    Path file;

    @Option(names = "--no-stats", description = "only read the header (fast for huge files)")
    boolean noStats;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(file)) {
            throw Checks.usage(spec, "FILE must be an existing .safetensors or .onnx file, got '" + file + "'");
        }
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".onnx")) {
            // Onnx.read's IOException already names the file and the problem
            ModelPrinter.print(Onnx.read(file), spec.commandLine().getOut());
            return 0;
        }
        List<TensorInfo> infos;
        Map<String, Tensor> tensors;
        try {
            infos = SafeTensors.describe(file);
            tensors = noStats ? Map.of() : SafeTensors.load(file);
        } catch (java.io.IOException e) {
            throw new java.io.IOException(file + " is not a valid safetensors file: " + e.getMessage(), e);
        }
        var out = spec.commandLine().getOut();
        int nameWidth = Math.max(4, infos.stream().mapToInt(i -> i.name().length()).max().orElse(4));
        String row = "%-" + nameWidth + "s  %-5s  %-16s %10s" + (noStats ? "%n" : "  %12s %12s %12s %12s%n");
        out.printf(Locale.ROOT, row, "name", "dtype", "shape", "numel", "min", "max", "mean", "std");
        long total = 0;
        for (TensorInfo info : infos) {
            long numel = 1;
            for (int d : info.shape()) numel *= d;
            total += numel;
            String shape = java.util.Arrays.toString(info.shape());
            if (noStats) {
                out.printf(Locale.ROOT, row, info.name(), info.dtype(), shape, numel);
            } else {
                double[] st = stats(tensors.get(info.name()).toFloat().toFloatArray());
                out.printf(Locale.ROOT, row, info.name(), info.dtype(), shape, numel,
                        fmt(st[0]), fmt(st[1]), fmt(st[2]), fmt(st[3]));
            }
        }
        out.printf(Locale.ROOT, "%d tensors, %d elements%n", infos.size(), total);
        Map<String, String> meta = SafeTensors.metadata(file);
        if (meta.isEmpty()) {
            out.println("metadata: none");
        } else {
            out.println("metadata:");
            meta.forEach((k, v) -> out.printf(Locale.ROOT, "  %s = %s%n", k, v));
        }
        if (ModelFiles.isModelFile(meta)) printArchitecture(out, meta);
        out.flush();
        return 0;
    }

    /**
     * The module a self-describing model file rebuilds, as its repr, and its parameter counts. A
     * file that does not rebuild is an IOException naming the file and the problem (exit 1), after
     * the tensors and metadata have been listed.
     */
    private void printArchitecture(PrintWriter out, Map<String, String> meta) throws IOException {
        String version = meta.getOrDefault("rnn4j.format_version", "?");
        if (noStats) { // rebuilding reads every weight; the architecture is still the rnn4j.model entry above
            out.printf(Locale.ROOT, "architecture: rnn4j model file, format version %s (not rebuilt with --no-stats;"
                    + " see rnn4j.model above)%n", version);
            return;
        }
        out.flush();
        Module module = Models.load(file);
        out.printf(Locale.ROOT, "architecture: rnn4j model file, format version %s%n", version);
        for (String line : module.toString().split("\n")) out.println("  " + line);
        long elements = 0;
        long trainable = 0;
        for (Tensor p : module.parameters()) {
            elements += p.numel();
            if (p.requiresGrad()) trainable += p.numel();
        }
        out.printf(Locale.ROOT, "parameters: %d tensors, %d elements, %d trainable%n", module.parameters().size(),
                elements, trainable);
    }

    /** min, max, mean, population std over the finite values (NaN when there are none). */
    static double[] stats(float[] v) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        double sq = 0;
        int n = 0;
        for (float x : v) {
            if (!Float.isFinite(x)) continue;
            min = Math.min(min, x);
            max = Math.max(max, x);
            sum += x;
            sq += (double) x * x;
            n++;
        }
        if (n == 0) return new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        double mean = sum / n;
        return new double[] {min, max, mean, Math.sqrt(Math.max(0, sq / n - mean * mean))};
    }

    private static String fmt(double x) {
        return Double.isNaN(x) ? "-" : String.format(Locale.ROOT, "%.5g", x);
    }
}
