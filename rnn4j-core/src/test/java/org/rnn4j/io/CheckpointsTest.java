package org.rnn4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.nn.Linear;
import org.rnn4j.optim.Adam;
import org.rnn4j.optim.SGD;
import org.rnn4j.optim.lr.ExponentialLR;
import org.rnn4j.tensor.Generator;
import org.rnn4j.tensor.Tensor;

/** Save and restore of a whole training run: exact resume, exact values, all-or-nothing restore. */
class CheckpointsTest {
    @TempDir
    Path dir;

    /**
     * Stopped after 7 steps (mid-epoch, mid-schedule, dropout and shuffle generators moved),
     * restored into a run built from another seed, 9 more steps: the same bits as 16 steps
     * uninterrupted, for the weights, Adam's moments and the schedule.
     */
    @Test
    void resumeEqualsAnUninterruptedRunBitForBit() throws IOException {
        TinyRun straight = new TinyRun(1);
        for (int i = 0; i < 16; i++) straight.step();
        List<Integer> want = straight.stateBits();

        TinyRun first = new TinyRun(1);
        for (int i = 0; i < 7; i++) first.step();
        Path file = dir.resolve("run.safetensors");
        Checkpoints.save(file, first.live(), first.values());

        TinyRun resumed = new TinyRun(2);
        assertTrue(!want.equals(resumed.stateBits()), "a run from another seed starts elsewhere");
        resumed.resume(Checkpoints.restore(file, resumed.live()));
        assertEquals(7, resumed.step);
        for (int i = 0; i < 9; i++) resumed.step();
        TinyRun.assertSameBits(want, resumed.stateBits(), "resumed run");
    }

    @Test
    void valuesComeBackExactly() throws IOException {
        Linear model = new Linear(2, 3);
        Generator g = new Generator(5);
        g.nextGaussian(); // leaves a cached Gaussian in the state
        Checkpoint now = Checkpoint.at(1L << 40).withEpoch(3)
                .withTensor("f", Tensor.of(new float[] {1.5f, Float.NaN, -0f}, 3))
                .withTensor("i", Tensor.ofLongs(new long[] {Long.MIN_VALUE, 7}, 2))
                .withLong("big", Long.MAX_VALUE).withLong("neg", -5)
                .withDouble("tenth", 0.1).withDouble("nan", Double.NaN).withDouble("inf", Double.NEGATIVE_INFINITY)
                .withDouble("negzero", -0.0).withDouble("tiny", Double.MIN_VALUE).withDouble("int", 3)
                .withMetadata("options", "{\"hidden\": 8}");
        Path file = dir.resolve("values.safetensors");
        Checkpoints.save(file, TrainingState.of(model).generator("g", g), now);
        Checkpoint back = Checkpoints.read(file);
        assertEquals(1L << 40, back.step());
        assertEquals(3, back.epoch());
        assertEquals(now.longs(), back.longs());
        assertEquals(List.copyOf(now.doubles().keySet()), List.copyOf(back.doubles().keySet()));
        for (String k : now.doubles().keySet()) {
            assertEquals(Double.doubleToLongBits(now.doubleValue(k)), Double.doubleToLongBits(back.doubleValue(k)), k);
        }
        assertArrayEquals(ModelsRoundTripTest.bits(now.tensor("f")), ModelsRoundTripTest.bits(back.tensor("f")));
        assertArrayEquals(new long[] {Long.MIN_VALUE, 7}, back.tensor("i").toLongArray());
        assertEquals(Map.of("options", "{\"hidden\": 8}"), back.metadata());

        Generator other = new Generator(0);
        Checkpoints.restore(file, TrainingState.of(new Linear(2, 3)).generator("g", other));
        assertEquals(g.nextGaussian(), other.nextGaussian(), 0.0);
        assertEquals(g.nextLong(), other.nextLong());
    }

    @Test
    void theFileNamesItsParts() throws IOException {
        TinyRun run = new TinyRun(1);
        run.step();
        Path file = dir.resolve("parts.safetensors");
        Checkpoints.save(file, run.live(), run.values());
        Map<String, String> meta = SafeTensors.metadata(file);
        assertEquals("checkpoint", meta.get("rnn4j.format"));
        assertEquals("1", meta.get("rnn4j.format_version"));
        assertEquals("{\"step\":1,\"epoch\":0,\"model\":\"Net\",\"optimizer\":\"Adam\",\"scheduler\":\"StepLR\","
                + "\"longs\":{\"loader.position\":4},\"doubles\":{}}", meta.get("rnn4j.checkpoint"));
        assertEquals("tiny", meta.get("run"));
        Map<String, Tensor> t = SafeTensors.load(file);
        assertTrue(t.containsKey("model.lstm.weight_ih_l0"));
        assertTrue(t.containsKey("optimizer.state.0.exp_avg"));
        assertTrue(t.containsKey("optimizer.param_groups.0.lr.f64"));
        assertTrue(t.containsKey("scheduler.last_epoch"));
        assertArrayEquals(new int[] {22}, t.get("generator.shuffle").shape());
        assertTrue(t.containsKey("tensor.loader.order") && t.containsKey("tensor.hidden.c"));
        assertEquals(Long.toString(DataChecksum.of(t.values())), meta.get("rnn4j.data_crc32"));
    }

    /** A checkpoint that does not fit the live objects changes nothing, and says what differs. */
    @Test
    void aMismatchIsRefusedBeforeAnythingChanges() throws IOException {
        TinyRun run = new TinyRun(1);
        for (int i = 0; i < 3; i++) run.step();
        Path file = dir.resolve("a.safetensors");
        Checkpoints.save(file, run.live(), run.values());

        TinyRun other = new TinyRun(3);
        other.step();
        TrainingState linear = TrainingState.of(new Linear(8, 1));
        TrainingState extraGenerator = other.live().generator("extra", new Generator(1));
        TrainingState sgd = TrainingState.of(other.net).optimizer(new SGD(other.net.parameters(), 0.1))
                .generator("default", Generator.defaultGenerator()).generator("shuffle", other.shuffle);
        TrainingState exponential = TrainingState.of(other.net).optimizer(other.adam)
                .scheduler(new ExponentialLR(other.adam, 0.9)).generator("default", Generator.defaultGenerator())
                .generator("shuffle", other.shuffle);
        List<Integer> before = other.stateBits();
        byte[] shuffleBefore = other.shuffle.getState();
        byte[] defaultBefore = Generator.defaultGenerator().getState();

        String m = refused(file, linear);
        assertTrue(m.contains("the model (Linear) does not match the checkpoint's: missing tensor 'weight' [1, 8]"), m);
        m = refused(file, extraGenerator);
        assertTrue(m.contains("the checkpoint holds generators [default, shuffle] but the run has [default, shuffle,"
                + " extra]"), m);
        m = refused(file, sgd);
        assertTrue(m.contains("the checkpoint holds the state of a Adam optimizer but the run has a SGD"), m);
        m = refused(file, exponential);
        assertTrue(m.contains("the checkpoint holds the state of a StepLR scheduler but the run has a ExponentialLR"), m);

        TinyRun.assertSameBits(before, other.stateBits(), "run after refused restores");
        assertArrayEquals(shuffleBefore, other.shuffle.getState());
        assertArrayEquals(defaultBefore, Generator.defaultGenerator().getState());
    }

    /** An optimizer with other parameter shapes refuses its state: nothing else was changed either. */
    @Test
    void anOptimizerThatRefusesItsStateLeavesEverythingAsItWas() throws IOException {
        Linear a = new Linear(2, 2);
        Adam adamA = new Adam(List.of(a.weight(), a.bias()), 0.1);
        a.weight().setGrad(Tensor.ones(2, 2));
        a.bias().setGrad(Tensor.ones(2));
        adamA.step();
        Path file = dir.resolve("opt.safetensors");
        Checkpoints.save(file, TrainingState.of(a).optimizer(adamA), Checkpoint.at(1));

        Linear b = new Linear(2, 2);
        Adam adamB = new Adam(List.of(b.bias(), b.weight()), 0.1); // other order: state shapes differ
        float[] weightBefore = b.weight().toFloatArray();
        String m = refused(file, TrainingState.of(b).optimizer(adamB));
        assertTrue(m.contains("state.0.exp_avg"), m);
        assertArrayEquals(weightBefore, b.weight().toFloatArray());
        assertEquals(0, adamB.stateDict().keySet().stream().filter(k -> k.startsWith("state.")).count());
    }

    private static String refused(Path file, TrainingState live) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoints.restore(file, live));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    @Test
    void badArguments() {
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.at(-1));
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.at(0).withMetadata("rnn4j.format", "x"));
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.at(0).withTensor("", Tensor.zeros(1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.at(0).tensor("h"));
        assertEquals("checkpoint has no tensor 'h' (it has: )", e.getMessage());
        Linear l = new Linear(1, 1);
        Adam adam = new Adam(l.parameters(), 0.1);
        e = assertThrows(IllegalArgumentException.class,
                () -> TrainingState.of(l).optimizer(adam).scheduler(new ExponentialLR(new Adam(l.parameters(), 1), 0.5)));
        assertTrue(e.getMessage().contains("the scheduler drives another optimizer"), e.getMessage());
    }
}
