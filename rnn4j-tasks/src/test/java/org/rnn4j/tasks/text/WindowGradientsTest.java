package org.rnn4j.tasks.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rnn4j.data.TextLanes;
import org.rnn4j.nn.CellType;
import org.rnn4j.nn.RecurrentState;
import org.rnn4j.tensor.Tensor;

/**
 * The seam a distributed driver trains through: shares of a partition of the lanes add up to the
 * window's loss, gradient and state, and a trainer whose windows are computed in parts follows one
 * that computes them whole.
 */
class WindowGradientsTest {
    /** 150 characters: 135 train in 4 lanes of 33, 3 windows of 10 a pass. */
    private static TextCorpus corpus() throws TextFormatException {
        return TextCorpus.of("test", TextFixtures.text(150));
    }

    /** Lanes [from, from + n) of a [B, T] index tensor. */
    private static Tensor lanes(Tensor t, int from, int n) {
        return t.narrow(0, from, n).contiguous();
    }

    /** Lanes [from, from + n) of a state [L, B, H]; null stays null. */
    private static RecurrentState lanes(RecurrentState s, int from, int n) {
        if (s == null) return null;
        return new RecurrentState(s.h().narrow(1, from, n).contiguous(),
                s.c() == null ? null : s.c().narrow(1, from, n).contiguous());
    }

    /**
     * Window gradients computed as {@code parts} (lane counts adding up to B) one after the other,
     * their gradients accumulating in the parameters, their states put side by side: what a
     * data-parallel driver does, in one JVM.
     */
    static WindowGradients inParts(int... parts) {
        return (model, w, state, step) -> {
            int batch = w.input().shape()[0];
            float loss = 0;
            List<Tensor> h = new ArrayList<>();
            List<Tensor> c = new ArrayList<>();
            int from = 0;
            for (int n : parts) {
                WindowGradients.Share s = WindowGradients.share(model, lanes(w.input(), from, n),
                        lanes(w.target(), from, n), lanes(state, from, n), batch);
                s.loss().backward();
                loss += s.loss().item();
                h.add(s.state().h());
                if (s.state().c() != null) c.add(s.state().c());
                from += n;
            }
            return new WindowGradients.Result(loss, new RecurrentState(Tensor.cat(h, 1), c.isEmpty() ? null
                    : Tensor.cat(c, 1)));
        };
    }

    @Test
    void theSharesOfTheLanesAddUpToTheWindowsLossGradientAndState() throws Exception {
        TextOptions o = TextFixtures.small(CellType.LSTM);
        TextCorpus corpus = corpus();
        Tensor.manualSeed(3);
        CharLanguageModel model = CharLanguageModel.of(corpus.vocabulary(), o);
        model.train();
        TextLanes windows = new TextLanes(corpus.train(), o.batch(), o.seq());
        windows.next();
        TextLanes.Window w = windows.next();
        Tensor.manualSeed(4);
        RecurrentState state = new RecurrentState(Tensor.randn(2, 4, 16).mul(0.5f), Tensor.randn(2, 4, 16).mul(0.5f));

        WindowGradients.Result whole = WindowGradients.local().compute(model, w, state, 1);
        Map<String, Tensor> expected = grads(model);
        model.zeroGrad();
        WindowGradients.Result parts = inParts(1, 3).compute(model, w, state, 1);
        Map<String, Tensor> actual = grads(model);

        assertEquals(whole.loss(), parts.loss(), 1e-6f * whole.loss());
        for (String k : expected.keySet()) {
            float[] e = expected.get(k).toFloatArray();
            float[] a = actual.get(k).toFloatArray();
            double scale = 0;
            for (float v : e) scale = Math.max(scale, Math.abs(v));
            assertTrue(scale > 0, k + " has a gradient");
            assertArrayEquals(e, a, (float) (1e-5 * scale), k);
        }
        assertArrayEquals(whole.state().h().toFloatArray(), parts.state().h().toFloatArray(), 1e-6f, "h");
        assertArrayEquals(whole.state().c().toFloatArray(), parts.state().c().toFloatArray(), 1e-6f, "c");
    }

    private static Map<String, Tensor> grads(CharLanguageModel m) {
        Map<String, Tensor> out = new java.util.LinkedHashMap<>();
        m.namedParameters().forEach((k, p) -> out.put(k, Tensor.of(p.grad().toFloatArray(), p.shape())));
        return out;
    }

    @Test
    void theShareOfEveryLaneIsTheWindowsMeanLossBitForBit() throws Exception {
        TextOptions o = TextFixtures.small(CellType.GRU);
        TextCorpus corpus = corpus();
        Tensor.manualSeed(5);
        CharLanguageModel model = CharLanguageModel.of(corpus.vocabulary(), o);
        TextLanes.Window w = new TextLanes(corpus.train(), o.batch(), o.seq()).next();
        float all = WindowGradients.share(model, w.input(), w.target(), null, 4).loss().item();
        float half = WindowGradients.share(model, lanes(w.input(), 0, 2), lanes(w.target(), 0, 2), null, 4).loss()
                .item();
        assertEquals(WindowGradients.local().compute(model, w, null, 1).loss(), all, 0f);
        assertNotEquals(all, half);
    }

    @ParameterizedTest
    @EnumSource(CellType.class)
    void aTrainerWhoseWindowsAreComputedInPartsFollowsOneThatComputesThemWhole(CellType cell) throws Exception {
        TextOptions o = TextFixtures.small(cell);
        TextTrainer whole = TextTrainer.start(corpus(), o);
        whole.run(null, TextListener.none());
        List<Integer> steps = new ArrayList<>();
        WindowGradients parts = inParts(2, 1, 1);
        TextTrainer split = TextTrainer.start(corpus(), o, (model, w, state, step) -> {
            steps.add(step);
            return parts.compute(model, w, state, step);
        });
        split.run(null, TextListener.none());
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), steps);
        for (int s = 1; s <= o.steps(); s++) {
            assertEquals(whole.history().loss(s), split.history().loss(s), 1e-5f * whole.history().loss(s), "step " + s);
        }
        Map<String, Tensor> a = whole.model().stateDict();
        Map<String, Tensor> b = split.model().stateDict();
        for (String k : a.keySet()) {
            float[] e = a.get(k).toFloatArray();
            double scale = 0;
            for (float v : e) scale = Math.max(scale, Math.abs(v));
            assertArrayEquals(e, b.get(k).toFloatArray(), (float) (1e-5 * scale), k);
        }
    }

    @Test
    void aTrainerWithTheLocalGradientsIsTheDefaultTrainerBitForBit() throws Exception {
        TextOptions o = TextFixtures.small(CellType.LSTM).dropout(0.2).steps(5);
        TextTrainer a = TextTrainer.start(corpus(), o);
        a.run(null, TextListener.none());
        TextTrainer b = TextTrainer.start(corpus(), o, WindowGradients.local());
        b.run(null, TextListener.none());
        for (Map.Entry<String, Tensor> e : a.model().stateDict().entrySet()) {
            assertArrayEquals(e.getValue().toFloatArray(), b.model().stateDict().get(e.getKey()).toFloatArray(), 0f);
        }
    }

    @Test
    void aNonFiniteLossStopsTheTrainerWithItsStepAndState() throws Exception {
        TextOptions o = TextFixtures.small(CellType.RNN);
        TextTrainer t = TextTrainer.start(corpus(), o, (model, w, state, step) ->
                step == 2 ? new WindowGradients.Result(Float.NaN, null) : WindowGradients.local().compute(model, w,
                        state, step));
        t.step();
        IllegalStateException e = assertThrows(IllegalStateException.class, t::step);
        assertEquals("training diverged: the loss is NaN at step 2 (try a lower --lr or --clip)", e.getMessage());
        assertEquals(1, t.stepsDone());
    }

    @Test
    void badSharesAreRefused() throws Exception {
        TextOptions o = TextFixtures.small(CellType.GRU);
        TextCorpus corpus = corpus();
        CharLanguageModel model = CharLanguageModel.of(corpus.vocabulary(), o);
        TextLanes.Window w = new TextLanes(corpus.train(), o.batch(), o.seq()).next();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WindowGradients.share(model, w.input(), w.target(), null, 3));
        assertEquals("WindowGradients.share: expected 1 to batch = 3 lanes, got 4", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> WindowGradients.share(model, w.input(), lanes(w.target(), 0, 2), null, 4));
        assertEquals("WindowGradients.share: expected input and target of one shape [b, T], got [4, 10] and [2, 10]",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TextTrainer.start(corpus, o, null));
    }
}
