package org.rnn4j.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.rnn4j.nn.LSTM;
import org.rnn4j.nn.Linear;
import org.rnn4j.nn.MSELoss;
import org.rnn4j.nn.RNN;
import org.rnn4j.nn.RNNCell;
import org.rnn4j.nn.RecurrentResult;
import org.rnn4j.nn.RecurrentState;
import org.rnn4j.optim.Adam;
import org.rnn4j.tensor.Tensor;

/**
 * Heap measurements that a unit test cannot make reliably (they depend on the collector and on
 * what else the JVM holds), run by hand:
 * <pre>
 * java --add-modules jdk.incubator.vector -cp rnn4j-bench/target/benchmarks.jar org.rnn4j.bench.MemoryCheck
 * </pre>
 * <ol>
 * <li>The autograd graph is linear in the sequence length: the heap a T-step graph retains,
 *     for a fused LSTM layer and for a loop of RNNCell calls, at T = 50,000 and 100,000 (a ratio
 *     near 2; quadratic growth would give 4).
 * <li>Training does not leak through the tape or the carried state: the heap in use after a full
 *     collection, after 2,000 and after 10,000 iterations of the sine forecaster's loop
 *     (RNN(1, 16, 2 layers), Linear head, Adam, state carried and detached).
 * </ol>
 * Exits 1 if the ratio leaves [1.5, 2.6] or the heap grows by 4 MiB or more.
 */
public final class MemoryCheck {
    private MemoryCheck() {}

    public static void main(String[] args) {
        boolean ok = graphIsLinear() & trainingHeapIsFlat();
        System.exit(ok ? 0 : 1);
    }

    private static boolean graphIsLinear() {
        int t = 100_000;
        Tensor.manualSeed(1);
        LSTM lstm = new LSTM(2, 16);
        RNNCell cell = new RNNCell(2, 16);
        Tensor x1 = Tensor.randn(t / 2, 1, 2);
        Tensor x2 = Tensor.randn(t, 1, 2);
        double lr = (double) retained(() -> lstm.forward(x2).output()) / retained(() -> lstm.forward(x1).output());
        double cr = (double) retained(() -> cellLoop(cell, x2)) / retained(() -> cellLoop(cell, x1));
        System.out.printf("retained graph, T vs T/2: fused LSTM %.2fx, RNNCell loop %.2fx (linear: 2)%n", lr, cr);
        return lr > 1.5 && lr < 2.6 && cr > 1.5 && cr < 2.6;
    }

    private static boolean trainingHeapIsFlat() {
        Tensor.manualSeed(1);
        RNN rnn = new RNN(1, 16, RNN.options().numLayers(2).batchFirst(true));
        Linear head = new Linear(16, 1);
        List<Tensor> params = new ArrayList<>(rnn.parameters());
        params.addAll(head.parameters());
        Adam adam = new Adam(params, 1e-3);
        MSELoss mse = new MSELoss();
        Tensor x = Tensor.randn(1, 49, 1);
        Tensor y = Tensor.randn(1, 49, 1);
        RecurrentState[] state = {null};
        Runnable step = () -> {
            adam.zeroGrad();
            RecurrentResult r = rnn.run(x, state[0]);
            mse.forward(head.forward(r.output()), y).backward();
            adam.step();
            state[0] = r.state().detach();
        };
        for (int i = 0; i < 2_000; i++) step.run();
        long early = usedAfterGc();
        for (int i = 2_000; i < 10_000; i++) step.run();
        long late = usedAfterGc();
        System.out.printf("heap after 2,000 and 10,000 iterations: %d KiB, %d KiB (growth %d KiB, limit 4096)%n",
                early >> 10, late >> 10, (late - early) >> 10);
        return late - early < 4L << 20;
    }

    private static Tensor cellLoop(RNNCell cell, Tensor x) {
        Tensor h = null;
        for (int t = 0; t < x.size(0); t++) h = cell.forward(x.select(0, t), h);
        return h;
    }

    private static long usedAfterGc() {
        var mem = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) System.gc();
        return mem.getHeapMemoryUsage().getUsed();
    }

    /** Heap held by what {@code graph} builds: the median of three measurements. */
    private static long retained(Supplier<Object> graph) {
        long[] m = new long[3];
        for (int i = 0; i < m.length; i++) {
            long before = usedAfterGc();
            Object keep = graph.get();
            long after = usedAfterGc();
            if (keep.hashCode() == 42) System.out.print(""); // keep the graph reachable until measured
            m[i] = after - before;
        }
        java.util.Arrays.sort(m);
        return m[1];
    }
}
