package org.rnn4j.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.PrintWriter;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rnn4j.nn.CellType;

import org.rnn4j.nn.Recurrent;
import org.rnn4j.nn.RecurrentConfig;

import org.rnn4j.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rnn4j bench}: the median time of one step of a recurrent layer stack. A training step is
 * forward + MSE loss of a Linear(H, 1) head applied at every time step against a fixed random
 * target + backward + Adam step; an inference step is the forward alone, in eval mode, without
 * autograd.
 */
@Command(
        name = "bench",
        sortOptions = false,
        description = {
            "Time one training or inference step of a recurrent layer stack and report the median, min and max "
                    + "ms per step, GFLOP/s and peak heap.",
            "train: forward + MSE of a Linear(H, 1) head at every step against a fixed random target + backward "
                    + "+ Adam step. infer: forward only, eval mode, no autograd.",
            "Input is [T, B, I]. GFLOP/s counts the GEMM flops of the layers: 2*T*B*G*H*(I_l+H) per layer and direction forward "
                    + "(G = 1, 4, 3 for rnn, lstm, gru), about twice that for backward; a packed batch counts sum(lengths) "
                    + "for T*B.",
            "--lengths uniform: sequences of lengths uniform in [T/2, T] (drawn from --seed), packed in every step "
                    + "(pack_padded_sequence, unsorted) with the head and loss on the packed output; with --padded the "
                    + "same batch runs padded to T instead, the loss masked to each sequence's steps."
        })
public final class BenchCommand implements Callable<Integer> {
    public enum Mode { train, infer }

    /** What is timed: a recurrent stack with a Linear(H, 1) head and MSE, or a character language model. */
    public enum Model { layer, charlm }

    /** Sequence lengths: all T, or uniform in [T/2, T]. */
    public enum Lengths { full, uniform }

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "layer|charlm", defaultValue = "layer",
            description = "layer: the stack with a Linear(H, 1) head and MSE (default); charlm: Embedding(V, I), "
                    + "the batch-first stack, Linear(H, V) and cross-entropy against random next characters, "
                    + "input [B, T] indices.")
    Model model;

    @Option(names = "--vocab", paramLabel = "V", defaultValue = "65",
            description = "charlm: vocabulary size (default: ${DEFAULT-VALUE}).")
    int vocab;

    @Option(names = "--cell", paramLabel = "rnn|lstm|gru", defaultValue = "lstm",
            description = "Recurrent cell (default: ${DEFAULT-VALUE}).")
    Cell cell;

    @Option(names = "--seq", paramLabel = "T", defaultValue = "50", description = "Sequence length (default: ${DEFAULT-VALUE}).")
    int seq;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "32", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--input", paramLabel = "I", defaultValue = "32", description = "Input size (default: ${DEFAULT-VALUE}).")
    int input;

    @Option(names = "--hidden", paramLabel = "H", defaultValue = "64", description = "Hidden size (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--layers", paramLabel = "L", defaultValue = "1", description = "Stacked layers (default: ${DEFAULT-VALUE}).")
    int layers;

    @Option(names = "--mode", paramLabel = "train|infer", defaultValue = "train",
            description = "What a step is (default: ${DEFAULT-VALUE}).")
    Mode mode;

    @Option(names = "--iters", paramLabel = "N",
            description = "Timed steps (default: as many as fit in about 3 s, at least 10).")
    Integer iters;

    @Option(names = "--warmup", paramLabel = "N",
            description = "Untimed steps first (default: as many as fit in about 1 s, at least 3).")
    Integer warmup;

    @Option(names = "--jit-settle", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "After the warm-up, more untimed steps until the JIT compiler has been idle for 0.5 s "
                    + "(at most 20 s more), so that no compiler thread shares the cores with the timed steps "
                    + "(default: on).")
    boolean jitSettle;

    @Option(names = "--bidirectional", description = "Both directions in every layer (the head then reads 2*H).")
    boolean bidirectional;

    @Option(names = "--lengths", paramLabel = "full|uniform", defaultValue = "full",
            description = "Sequence lengths: full (every sequence T steps) or uniform in [T/2, T], packed "
                    + "(default: ${DEFAULT-VALUE}).")
    Lengths lengths;

    @Option(names = "--padded", description = "With --lengths uniform: run the batch padded to T (no packing), "
            + "the loss masked, to compare with the packed step.")
    boolean padded;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print one JSON line instead of the report.")
    boolean json;

    static final double AUTO_WARMUP_SECONDS = 1.0;
    static final double AUTO_TIMED_SECONDS = 3.0;
    static final int AUTO_MAX_STEPS = 100_000;
    /** Steady state: warm up until the JIT compiler has added no code for this long... */
    static final double JIT_IDLE_SECONDS = 0.5;
    /** ...but at most this much longer. */
    static final double JIT_SETTLE_MAX_SECONDS = 20.0;

    /**
     * Runs the step until the JIT compiler has been idle for {@link #JIT_IDLE_SECONDS}: a
     * medium step is called only a few times a second, and a compiler thread still busy with its
     * methods takes one of the two cores from the timed steps. Returns the steps run.
     */
    static int settleJit(Step step) {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) return 0;
        long start = System.nanoTime();
        long idleSince = start;
        long compiled = jit.getTotalCompilationTime();
        int steps = 0;
        while (System.nanoTime() - idleSince < JIT_IDLE_SECONDS * 1e9
                && System.nanoTime() - start < JIT_SETTLE_MAX_SECONDS * 1e9) {
            step.run();
            steps++;
            long now = jit.getTotalCompilationTime();
            if (now != compiled) {
                compiled = now;
                idleSince = System.nanoTime();
            }
        }
        return steps;
    }

    @Override
    public Integer call() {
        Checks.positive(spec, "--seq", seq);
        Checks.positive(spec, "--batch", batch);
        Checks.positive(spec, "--input", input);
        Checks.positive(spec, "--hidden", hidden);
        Checks.positive(spec, "--layers", layers);
        if (iters != null) Checks.positive(spec, "--iters", iters);
        if (warmup != null) Checks.nonNegative(spec, "--warmup", warmup);
        if (padded && lengths != Lengths.uniform) {
            throw Checks.usage(spec, "--padded needs --lengths uniform (a batch of full-length sequences has no padding)");
        }

        Checks.positive(spec, "--vocab", vocab);
        if (model == Model.charlm && bidirectional) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--bidirectional is not available with --model charlm");
        }
        if (model == Model.charlm && lengths != Lengths.full) {
            throw Checks.usage(spec, "--lengths uniform is not available with --model charlm");
        }
        Tensor.manualSeed(seed);
        CharLmBench charlm = new CharLmBench(CellType.parse(cell.name()), vocab, input, hidden, layers, seq, batch);
        int[] drawn = lengths == Lengths.uniform ? BenchSteps.uniformLengths(seq, batch, seed) : null;
        Step step;
        if (model == Model.charlm) {
            step = mode == Mode.train ? charlm.train() : charlm.infer();
        } else {
            Recurrent stack = layer();
            step = mode == Mode.train
                    ? BenchSteps.train(stack, directions() * hidden, new int[] {seq, batch, input}, drawn, padded)::run
                    : BenchSteps.infer(stack, new int[] {seq, batch, input}, padded ? null : drawn)::run;
        }
        rows = drawn == null || padded ? (long) seq * batch : java.util.Arrays.stream(drawn).asLongStream().sum();

        // Warm-up: the JIT compiles the kernels here.
        long warmStart = System.nanoTime();
        int warmed = 0;
        while (warmup != null ? warmed < warmup
                : warmed < 3 || (System.nanoTime() - warmStart < AUTO_WARMUP_SECONDS * 1e9 && warmed < AUTO_MAX_STEPS)) {
            step.run();
            warmed++;
        }
        if (jitSettle) warmed += settleJit(step);

        Heap heap = new Heap();
        List<Double> ms = new ArrayList<>();
        long allocated0 = Heap.allocatedBytes();
        long timedStart = System.nanoTime();
        while (iters != null ? ms.size() < iters
                : ms.size() < 10 || (System.nanoTime() - timedStart < AUTO_TIMED_SECONDS * 1e9 && ms.size() < AUTO_MAX_STEPS)) {
            long t0 = System.nanoTime();
            step.run();
            ms.add((System.nanoTime() - t0) / 1e6);
        }
        long allocated1 = Heap.allocatedBytes();
        double kbPerStep = allocated0 < 0 || allocated1 < 0 ? Double.NaN : (allocated1 - allocated0) / 1024.0 / ms.size();
        Map<String, Object> result = report(ms, warmed, heap, kbPerStep,
                model == Model.charlm ? charlm.forwardFlops() : forwardFlops());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Gson gson = new GsonBuilder().serializeSpecialFloatingPointValues().disableHtmlEscaping().create();
            out.println(gson.toJson(result));
        } else {
            printReport(out, result);
        }
        out.flush();
        return 0;
    }

    /** One benchmarked step. */
    interface Step {
        void run();
    }

    private Recurrent layer() {
        return Recurrent.of(RecurrentConfig.of(CellType.parse(cell.name()),
                input, hidden).numLayers(layers).bidirectional(bidirectional));
    }

    private int directions() {
        return bidirectional ? 2 : 1;
    }

    /** The rows the layers run over all steps: T*B, or sum(lengths) when packed (0: not set, T*B). */
    long rows;

    /** GEMM flops of one forward pass of the layers: 2*T*B*G*H*(I_l + H) per layer and direction (packed: sum(lengths) for T*B). */
    double forwardFlops() {
        double flops = 0;
        double tb = rows > 0 ? rows : (double) seq * batch;
        for (int l = 0; l < layers; l++) {
            int in = l == 0 ? input : directions() * hidden;
            flops += directions() * 2.0 * tb * cell.gates * hidden * (double) (in + hidden);
        }
        return flops;
    }

    private Map<String, Object> report(List<Double> ms, int warmed, Heap heap, double kbPerStep, double fwdFlops) {
        double[] sorted = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        double mean = Arrays.stream(sorted).average().orElse(Double.NaN);
        double flops = fwdFlops * (mode == Mode.train ? 3 : 1);
        Map<String, Object> m = new LinkedHashMap<>();
        if (model == Model.charlm) {
            m.put("model", model.name());
            m.put("vocab", vocab);
        }
        m.put("cell", cell.name());
        m.put("mode", mode.name());
        m.put("seq", seq);
        m.put("batch", batch);
        m.put("input", input);
        m.put("hidden", hidden);
        m.put("layers", layers);
        if (bidirectional) m.put("bidirectional", true);
        if (lengths == Lengths.uniform) {
            m.put("lengths", lengths.name());
            m.put("padded", padded);
            m.put("mean_length", round((double) Arrays.stream(BenchSteps.uniformLengths(seq, batch, seed)).sum() / batch));
        }
        m.put("iters", n);
        m.put("warmup", warmed);
        m.put("ms_per_step", round(median));
        m.put("ms_min", round(sorted[0]));
        m.put("ms_max", round(sorted[n - 1]));
        m.put("ms_mean", round(mean));
        m.put("gflops", round(flops / (median * 1e-3) / 1e9));
        m.put("gflop_per_step", round(flops / 1e9));
        m.put("peak_heap_mb", round(heap.peakBytes() / 1048576.0));
        m.put("allocated_kb_per_step", round(kbPerStep));
        m.put("gc_count", heap.gcCount());
        m.put("gc_ms", heap.gcMillis());
        m.put("jdk", Runtime.version().toString());
        m.put("jdk_vendor", System.getProperty("java.vendor"));
        m.put("vector_api", Main.vectorApiLoaded());
        m.put("cores", Runtime.getRuntime().availableProcessors());
        return m;
    }

    private static double round(double v) {
        if (!Double.isFinite(v) || v == 0) return v;
        double scale = Math.pow(10, 4 - (int) Math.floor(Math.log10(Math.abs(v))));
        return Math.round(v * scale) / scale; // five significant digits
    }

    private static void printReport(PrintWriter out, Map<String, Object> r) {
        out.printf(Locale.ROOT, "%s%s %s  T=%s B=%s I=%s H=%s L=%s%s%n", r.containsKey("model") ? "charlm V=" + r.get("vocab")
                + " " : "", r.get("cell"), r.get("mode"), r.get("seq"), r.get("batch"), r.get("input"), r.get("hidden"),
                r.get("layers"), r.containsKey("lengths")
                        ? "  lengths uniform in [T/2, T] (mean " + r.get("mean_length") + "), "
                                + (Boolean.TRUE.equals(r.get("padded")) ? "padded" : "packed") : "");
        out.printf(Locale.ROOT, "  ms/step    median %s  min %s  max %s  mean %s  (%s steps after %s warm-up)%n",
                r.get("ms_per_step"), r.get("ms_min"), r.get("ms_max"), r.get("ms_mean"), r.get("iters"),
                r.get("warmup"));
        out.printf(Locale.ROOT, "  GFLOP/s    %s  (%s GFLOP per step)%n", r.get("gflops"), r.get("gflop_per_step"));
        out.printf(Locale.ROOT, "  peak heap  %s MB  (%s GCs, %s ms), %s KB allocated per step%n", r.get("peak_heap_mb"),
                r.get("gc_count"), r.get("gc_ms"), r.get("allocated_kb_per_step"));
        out.printf(Locale.ROOT, "  JDK %s (%s), Vector API %s, %s cores%n", r.get("jdk"), r.get("jdk_vendor"),
                Boolean.TRUE.equals(r.get("vector_api")) ? "loaded" : "absent", r.get("cores"));
    }
}
