package org.rnn4j.tasks.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.tensor.Tensor;

/** Driver checkpoints: a run stopped and resumed ends exactly where one that never stopped does. */
class TrainerResumeTest {
    @TempDir
    Path tmp;

    static final ForecastOptions OPTIONS = ForecastOptions.options().hidden(6).epochs(3).maxBatchesPerEpoch(16).seed(5);

    /** Gradients in this JVM that fail on call {@code failAt} (1-based), as a crashed driver would stop. */
    static TrainingEngine.Gradients crashingAt(int failAt) {
        return (model, series) -> {
            ForecastPlan plan = ForecastTask.plan(series, OPTIONS);
            BatchGradients local = new ForecastTrainer(series, plan, model.scaler(), OPTIONS).localGradients();
            int[] calls = {0};
            return (net, origins) -> {
                if (++calls[0] == failAt) throw new IllegalStateException("driver crashed at batch " + failAt);
                return local.compute(net, origins);
            };
        };
    }

    @Test
    void aResumedRunEndsWithTheSameWeightsBitForBit() throws Exception {
        Series s = ForecastTaskTest.monthly();
        ForecastTask.Trained straight = ForecastTask.train(s, OPTIONS, TrainingListener.none());

        TrainerCheckpointFile file = new TrainerCheckpointFile(tmp.resolve("checkpoint.safetensors"));
        // 16 batches an epoch: the crash at batch 21 stops epoch 2 midway, after the checkpoint of batch 20
        TrainingEngine crashing = TrainingEngine.local().gradients(crashingAt(21)).checkpoint(file, 5, false);
        IllegalStateException crash = assertThrows(IllegalStateException.class,
                () -> ForecastTask.train(s, OPTIONS, TrainingListener.none(), crashing));
        assertEquals("driver crashed at batch 21", crash.getMessage());
        TrainerState saved = file.load().orElseThrow();
        assertEquals(20, saved.position().step());
        assertEquals(2, saved.position().epoch());
        assertEquals(4, saved.position().batchInEpoch());
        assertEquals(1, saved.history().trainLoss().size());

        ForecastTask.Trained resumed = ForecastTask.train(s, OPTIONS, TrainingListener.none(),
                TrainingEngine.local().checkpoint(file, 5, true));
        assertEquals(straight.training(), resumed.training(), "losses by epoch and the best epoch");
        Map<String, Tensor> a = straight.model().net().stateDict();
        Map<String, Tensor> b = resumed.model().net().stateDict();
        assertEquals(a.keySet(), b.keySet());
        for (String k : a.keySet()) assertArrayEquals(a.get(k).toFloatArray(), b.get(k).toFloatArray(), 0f, k);
    }

    @Test
    void theCheckpointFileRoundTripsEveryField() throws Exception {
        TrainerCheckpointFile file = new TrainerCheckpointFile(tmp.resolve("c.safetensors"));
        assertTrue(file.load().isEmpty());
        TrainerState s = new TrainerState("run-1", new TrainerState.Position(7, 2, 3, 96, 1),
                new TrainerState.History(java.util.List.of(0.1, 1.0 / 3), java.util.List.of(Math.PI),
                        0.7000000000000001, 1, Double.POSITIVE_INFINITY),
                Map.of("w", Tensor.of(new float[] {1, 2}, 2)), Map.of("w", Tensor.of(new float[] {3, 4}, 2)),
                Map.of("state.0.step", Tensor.of(new float[] {7})));
        file.save(s);
        TrainerState r = file.load().orElseThrow();
        assertEquals(s.run(), r.run());
        assertEquals(s.position(), r.position());
        assertEquals(s.history(), r.history());
        assertArrayEquals(new float[] {3, 4}, r.best().get("w").toFloatArray());
        assertArrayEquals(new float[] {7}, r.optimizer().get("state.0.step").toFloatArray());
    }

    @Test
    void resumeNeedsACheckpointOfTheSameRun() throws Exception {
        Series s = ForecastTaskTest.monthly();
        TrainerCheckpointFile file = new TrainerCheckpointFile(tmp.resolve("checkpoint.safetensors"));
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> ForecastTask.train(s,
                OPTIONS, TrainingListener.none(), TrainingEngine.local().checkpoint(file, 0, true)));
        assertTrue(none.getMessage().startsWith("resume: there is no checkpoint"), none.getMessage());
        ForecastTask.train(s, OPTIONS.epochs(1), TrainingListener.none(), TrainingEngine.local().checkpoint(file, 4, false));
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class, () -> ForecastTask.train(s,
                OPTIONS.seed(6), TrainingListener.none(), TrainingEngine.local().checkpoint(file, 4, true)));
        assertTrue(other.getMessage().contains("was written by another run"), other.getMessage());
    }
}
