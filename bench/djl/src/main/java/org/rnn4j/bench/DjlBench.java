package org.rnn4j.bench;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.recurrent.GRU;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.nn.recurrent.RNN;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.L2Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code ./rnn4j bench} step run by PyTorch 2.7.1 (libtorch with MKL and oneDNN) through DJL 0.36: the
 * "DJL + PyTorch 2.7.1" anchor of issue 6. Same flags and JSON fields as {@code bench/pytorch_bench.py}.
 *
 * <p>A training step is the idiomatic DJL one: a GradientCollector around the forward of the recurrent block
 * (time-major [T, B, I]) and a Linear(H, 1) head applied at every time step, the MSE against a fixed random target
 * [T, B, 1] (computed as mean((y - t)^2), PyTorch's MSELoss; DJL's L2Loss would halve it), backward, then
 * {@code Trainer.step()} with {@code Optimizer.adam()} at lr 1e-3, then the gradients zeroed. An inference step is
 * the recurrent forward alone with training = false and autograd off (DJL's default outside a collector).
 *
 * <p>Run with {@code -Dai.djl.offline=true} and env {@code PYTORCH_FLAVOR=cpu}: the native library then comes from
 * the pytorch-native-cpu jar on the class path and nothing is downloaded.
 */
public final class DjlBench {
    private DjlBench() {}

    static final class Args {
        String cell = "lstm";
        int seq = 50, batch = 32, input = 32, hidden = 64, layers = 1;
        String mode = "train";
        Integer iters;
        Integer warmup;
        int threads = 2;
        long seed = 0;
        boolean json;
    }

    static final int DEFAULT_MIN_WARMUP = 20; // issue 6: with five warm-up steps DJL reads twice as slow

    public static void main(String[] argv) {
        Args a;
        try {
            a = parse(argv);
        } catch (IllegalArgumentException e) {
            System.err.println("djl_bench: error: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (a == null) return; // --help
        // Threads must be set before the engine loads: intra-op as asked, one inter-op thread.
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(a.threads));
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        if (!"true".equals(System.getProperty("ai.djl.offline"))) {
            System.err.println("djl_bench: warning: -Dai.djl.offline=true is not set; DJL may try to download");
        }
        try {
            System.exit(run(a));
        } catch (Throwable t) { // an engine that cannot load: one line, no stack trace
            Throwable root = t;
            while (root.getCause() != null && root.getCause() != root) root = root.getCause();
            System.err.println("djl_bench: error: " + t + (root != t ? " (cause: " + root + ")" : ""));
            System.exit(1);
        }
    }

    static int run(Args a) {
        Engine engine = Engine.getEngine("PyTorch");
        long T = a.seq, B = a.batch, I = a.input, H = a.hidden;
        Shape xShape = new Shape(T, B, I);
        Step step;
        List<AutoCloseable> toClose = new ArrayList<>();
        NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        toClose.add(manager);
        manager.getEngine().setRandomSeed((int) a.seed);
        NDArray x = manager.randomNormal(xShape);

        Block rnn = recurrent(a);
        if (a.mode.equals("train")) {
            NDArray target = manager.randomNormal(new Shape(T, B, 1));
            SequentialBlock net = new SequentialBlock()
                    .add(rnn)
                    .add(Linear.builder().setUnits(1).build()); // on the last axis: [T, B, H] -> [T, B, 1]
            Model model = Model.newInstance("bench", Device.cpu(), "PyTorch");
            toClose.add(0, model);
            model.setBlock(net);
            Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build();
            DefaultTrainingConfig config = new DefaultTrainingConfig(new L2Loss())
                    .optOptimizer(adam)
                    .optDevices(new Device[] {Device.cpu()});
            Trainer trainer = model.newTrainer(config);
            toClose.add(0, trainer);
            trainer.initialize(xShape);
            try (NDManager sub = manager.newSubManager()) { // the head must give [T, B, 1], not a broadcast
                x.tempAttach(sub);
                Shape yShape = trainer.forward(new NDList(x)).singletonOrThrow().getShape();
                if (!yShape.equals(target.getShape())) {
                    throw new IllegalStateException("prediction shape " + yShape + " != target " + target.getShape());
                }
            }
            List<NDArray> params = new ArrayList<>();
            for (Pair<String, Parameter> p : net.getParameters()) params.add(p.getValue().getArray());
            step = () -> {
                try (NDManager sub = manager.newSubManager()) {
                    x.tempAttach(sub);
                    target.tempAttach(sub);
                    try (GradientCollector gc = trainer.newGradientCollector()) {
                        NDArray y = trainer.forward(new NDList(x)).singletonOrThrow();
                        NDArray loss = y.sub(target).square().mean();
                        gc.backward(loss);
                    }
                    trainer.step();
                    for (NDArray p : params) { // zero_grad, as the PyTorch step does (DJL's step does not)
                        try (NDArray g = p.getGradient()) { // a handle on the gradient; closing it frees the handle
                            g.subi(g);
                        }
                    }
                }
            };
        } else {
            rnn.initialize(manager, DataType.FLOAT32, xShape);
            ParameterStore ps = new ParameterStore(manager, false);
            try (NDManager sub = manager.newSubManager()) {
                x.tempAttach(sub);
                Shape outShape = rnn.forward(ps, new NDList(x), false).singletonOrThrow().getShape();
                if (!outShape.equals(new Shape(T, B, H))) {
                    throw new IllegalStateException("output shape " + outShape + " != [T, B, H]");
                }
            }
            step = () -> {
                try (NDManager sub = manager.newSubManager()) {
                    x.tempAttach(sub);
                    rnn.forward(ps, new NDList(x), false).singletonOrThrow();
                }
            };
        }

        // Warm-up: at least DEFAULT_MIN_WARMUP steps and about one second unless --warmup says otherwise.
        int warmed = 0;
        long start = System.nanoTime();
        while (a.warmup != null ? warmed < a.warmup
                : warmed < DEFAULT_MIN_WARMUP || (System.nanoTime() - start < 1e9 && warmed < 100_000)) {
            step.run();
            warmed++;
        }
        List<Double> ms = new ArrayList<>();
        start = System.nanoTime();
        while (a.iters != null ? ms.size() < a.iters
                : ms.size() < 10 || (System.nanoTime() - start < 3e9 && ms.size() < 100_000)) {
            long t0 = System.nanoTime();
            step.run();
            ms.add((System.nanoTime() - t0) / 1e6);
        }

        double[] s = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = s.length;
        double median = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
        int gates = switch (a.cell) { case "lstm" -> 4; case "gru" -> 3; default -> 1; };
        double flops = 0;
        for (int l = 0; l < a.layers; l++) flops += 2.0 * T * B * gates * H * ((l == 0 ? I : H) + H);
        flops *= a.mode.equals("train") ? 3 : 1;

        Map<String, Object> r = new LinkedHashMap<>();
        r.put("framework", "djl");
        r.put("version", Engine.getDjlVersion());
        r.put("engine", engine.getEngineName() + " " + engine.getVersion());
        r.put("cell", a.cell);
        r.put("mode", a.mode);
        r.put("seq", a.seq);
        r.put("batch", a.batch);
        r.put("input", a.input);
        r.put("hidden", a.hidden);
        r.put("layers", a.layers);
        r.put("iters", n);
        r.put("warmup", warmed);
        r.put("ms_per_step", round(median));
        r.put("ms_min", round(s[0]));
        r.put("ms_max", round(s[n - 1]));
        r.put("ms_mean", round(Arrays.stream(s).average().orElse(Double.NaN)));
        r.put("gflops", round(flops / (median * 1e-3) / 1e9));
        r.put("gflop_per_step", round(flops / 1e9));
        r.put("threads", JniUtils.getNumThreads());
        r.put("jdk", Runtime.version().toString());
        for (int i = toClose.size() - 1; i >= 0; i--) { // trainer, model, manager
            try {
                toClose.get(i).close();
            } catch (Exception ignored) {
                // closing is best effort at the end of a benchmark
            }
        }
        System.err.printf(Locale.ROOT,
                "djl_bench: DJL %s, engine %s %s, intra-op threads %d, inter-op threads %d, offline %s, PYTORCH_FLAVOR %s%n",
                Engine.getDjlVersion(), engine.getEngineName(), engine.getVersion(), JniUtils.getNumThreads(),
                JniUtils.getNumInteropThreads(), System.getProperty("ai.djl.offline"), System.getenv("PYTORCH_FLAVOR"));
        if (a.json) {
            System.out.println(toJson(r));
        } else {
            System.out.printf(Locale.ROOT, "djl %s (%s) %s %s  T=%d B=%d I=%d H=%d L=%d%n", r.get("version"),
                    r.get("engine"), a.cell, a.mode, a.seq, a.batch, a.input, a.hidden, a.layers);
            System.out.printf(Locale.ROOT, "  ms/step  median %s  min %s  max %s  mean %s  (%d steps after %d warm-up)%n",
                    r.get("ms_per_step"), r.get("ms_min"), r.get("ms_max"), r.get("ms_mean"), n, warmed);
            System.out.printf(Locale.ROOT, "  GFLOP/s  %s  (%s GFLOP per step)%n", r.get("gflops"), r.get("gflop_per_step"));
        }
        return 0;
    }

    interface Step {
        void run();
    }

    static Block recurrent(Args a) {
        return switch (a.cell) {
            case "lstm" -> LSTM.builder().setStateSize(a.hidden).setNumLayers(a.layers)
                    .optBatchFirst(false).optHasBiases(true).optReturnState(false).build();
            case "gru" -> GRU.builder().setStateSize(a.hidden).setNumLayers(a.layers)
                    .optBatchFirst(false).optHasBiases(true).optReturnState(false).build();
            default -> RNN.builder().setStateSize(a.hidden).setNumLayers(a.layers)
                    .setActivation(RNN.Activation.TANH)
                    .optBatchFirst(false).optHasBiases(true).optReturnState(false).build();
        };
    }

    static Args parse(String[] argv) {
        Args a = new Args();
        for (int i = 0; i < argv.length; i++) {
            String opt = argv[i];
            if (opt.equals("--json")) {
                a.json = true;
                continue;
            }
            if (opt.equals("-h") || opt.equals("--help")) {
                System.out.println("usage: djl_bench --cell rnn|lstm|gru --seq T --batch B --input I --hidden H"
                        + " --layers L --mode train|infer [--iters N] [--warmup N] [--threads N] [--seed S] [--json]");
                System.out.println("Median ms of one rnn4j-bench step in DJL + PyTorch (train: forward + Linear(H,1)"
                        + " head + MSE + backward + Adam; infer: forward alone). Default warm-up: at least "
                        + DEFAULT_MIN_WARMUP + " steps and about 1 s.");
                return null;
            }
            if (i + 1 >= argv.length) throw new IllegalArgumentException("missing value for " + opt);
            String v = argv[++i];
            switch (opt) {
                case "--cell" -> a.cell = oneOf(opt, v, "rnn", "lstm", "gru");
                case "--mode" -> a.mode = oneOf(opt, v, "train", "infer");
                case "--seq" -> a.seq = positive(opt, v);
                case "--batch" -> a.batch = positive(opt, v);
                case "--input" -> a.input = positive(opt, v);
                case "--hidden" -> a.hidden = positive(opt, v);
                case "--layers" -> a.layers = positive(opt, v);
                case "--iters" -> a.iters = positive(opt, v);
                case "--warmup" -> {
                    a.warmup = integer(opt, v);
                    if (a.warmup < 0) throw new IllegalArgumentException(opt + " must be >= 0, got " + v);
                }
                case "--threads" -> a.threads = positive(opt, v);
                case "--seed" -> a.seed = integer(opt, v);
                default -> throw new IllegalArgumentException("unknown option " + opt);
            }
        }
        return a;
    }

    static String oneOf(String opt, String v, String... allowed) {
        for (String s : allowed) if (s.equals(v)) return v;
        throw new IllegalArgumentException(opt + " must be one of " + String.join("|", allowed) + ", got " + v);
    }

    static int integer(String opt, String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(opt + " needs an integer, got " + v);
        }
    }

    static int positive(String opt, String v) {
        int n = integer(opt, v);
        if (n <= 0) throw new IllegalArgumentException(opt + " must be positive, got " + v);
        return n;
    }

    static double round(double v) {
        if (!Double.isFinite(v) || v == 0) return v;
        double scale = Math.pow(10, 4 - (int) Math.floor(Math.log10(Math.abs(v))));
        return Math.round(v * scale) / scale;
    }

    static String toJson(Map<String, Object> m) {
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, Object> e : m.entrySet()) {
            if (sb.length() > 1) sb.append(", ");
            sb.append('"').append(e.getKey()).append("\": ");
            Object v = e.getValue();
            if (v instanceof Number || v instanceof Boolean) {
                sb.append(v);
            } else {
                sb.append('"').append(String.valueOf(v).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
        }
        return sb.append('}').toString();
    }
}
