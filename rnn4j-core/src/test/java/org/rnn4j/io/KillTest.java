package org.rnn4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.tensor.Tensor;

/**
 * A training process ({@link KillChild}) with a checkpoint every {@value #EVERY} steps is killed
 * with SIGKILL ({@link Process#destroyForcibly()}) at chosen and random moments, at least
 * {@value #KILLS} times, some in each part of a save: while the temporary file is written, after
 * it is complete but before the rename, after the rename but before old checkpoints are deleted.
 * After every kill, every checkpoint in the folder reads back and holds exactly the weights the
 * uninterrupted in-process run had at its step; each chain of kills and resumes ends with the same
 * final weights, bit for bit, as the uninterrupted run.
 */
class KillTest {
    static final long SEED = 11;
    static final int TOTAL = 24;
    static final int EVERY = 2;
    static final int KILLS = 20;
    private static final int KILLS_PER_CHAIN = 10;
    private static final String END = "\u0000end";

    /** Where in the child's life a kill lands: after the n-th line starting with marker, plus a random delay. */
    enum Moment {
        WHILE_WRITING("writing", 2, 0),
        BEFORE_RENAME("commit", 2, 0),
        AFTER_RENAME("committed", 1, 0),
        ANY_TIME("saved", 1, 40),
        EARLY("ready", 1, 100);

        final String marker;
        final int occurrence;
        final int maxDelayMs;

        Moment(String marker, int occurrence, int maxDelayMs) {
            this.marker = marker;
            this.occurrence = occurrence;
            this.maxDelayMs = maxDelayMs;
        }
    }

    @TempDir
    Path tmp;

    @Test
    void everyResumeAfterSigkillEndsOnTheUninterruptedWeights() throws Exception {
        Map<Long, Map<String, float[]>> reference = new HashMap<>();
        TinyRun straight = new TinyRun(SEED);
        while (straight.step < TOTAL) {
            straight.step();
            if (straight.step % EVERY == 0) reference.put(straight.step, straight.weights());
        }
        Map<String, float[]> expected = straight.weights();

        Random plan = new Random(20240607);
        int kills = 0;
        List<String> log = new ArrayList<>();
        for (int chain = 0; kills < KILLS; chain++) {
            assertTrue(chain < 6, "too few kills landed: " + log);
            Path dir = tmp.resolve("chain" + chain);
            Path finalWeights = tmp.resolve("final" + chain + ".safetensors");
            int keep = 2 + chain % 2;
            for (int launch = 0, inChain = 0; ; launch++) {
                assertTrue(launch < 40, "chain " + chain + " does not finish: " + log);
                // Each kind of moment in turn (every kind lands several times), the delays random.
                Moment moment = inChain < KILLS_PER_CHAIN ? Moment.values()[kills % Moment.values().length] : null;
                int delay = moment == null || moment.maxDelayMs == 0 ? 0 : plan.nextInt(moment.maxDelayMs + 1);
                boolean killed = launch(dir, finalWeights, keep, moment, delay, log);
                if (!killed) break;
                kills++;
                inChain++;
                if (checkFolder(dir, keep, reference)) log.add("left a temporary file");
            }
            Map<String, Tensor> got = SafeTensors.load(finalWeights);
            for (Map.Entry<String, float[]> e : expected.entrySet()) {
                assertArrayEquals(e.getValue(), got.get(e.getKey()).toFloatArray(), "chain " + chain + " " + e.getKey());
            }
        }
        assertTrue(kills >= KILLS, kills + " kills");
        for (Moment m : Moment.values()) {
            assertTrue(log.stream().anyMatch(l -> l.startsWith("killed " + m)), "no kill " + m + ": " + log);
        }
        // A kill inside a save leaves its temporary file: proof that kills did land inside writes.
        long beforeRename = log.stream().filter(l -> l.startsWith("killed " + Moment.BEFORE_RENAME)).count();
        assertTrue(log.stream().filter(l -> l.equals("left a temporary file")).count() >= beforeRename, log.toString());
    }

    /** Runs the child until {@code moment} (null: to its end); returns whether it was killed. */
    private boolean launch(Path dir, Path finalWeights, int keep, Moment moment, int delayMs, List<String> log)
            throws Exception {
        Path err = tmp.resolve("child.err");
        Process p = new ProcessBuilder(command(dir, finalWeights, keep)).redirectError(err.toFile()).start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) lines.add(line);
            } catch (IOException e) {
                // the pipe breaks when the child is killed
            }
            lines.add(END);
        });
        reader.start();
        int seen = 0;
        try {
            while (true) {
                String line = lines.poll(60, TimeUnit.SECONDS);
                assertNotNull(line, "the child said nothing for 60 s");
                if (line.equals(END)) {
                    int code = p.waitFor();
                    assertEquals(0, code, "child exit code; stderr: " + Files.readString(err));
                    log.add(moment == null ? "finished" : "finished before " + moment);
                    return false;
                }
                if (line.startsWith("skipped ")) fail("an unreadable checkpoint: " + line);
                if (moment != null && line.startsWith(moment.marker + " ") && ++seen == moment.occurrence) {
                    if (delayMs > 0) Thread.sleep(delayMs);
                    p.destroyForcibly();
                    p.waitFor();
                    log.add("killed " + moment + " after '" + line + "' +" + delayMs + "ms");
                    return true;
                }
            }
        } finally {
            p.destroyForcibly();
            reader.join(10_000);
        }
    }

    private List<String> command(Path dir, Path finalWeights, int keep) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        // Start fast; results do not depend on the JIT (Java's float arithmetic is exact to the bit).
        cmd.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xmx256m"));
        // The same kernels as this JVM: with or without the Vector API, the same thread count.
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            cmd.addAll(List.of("--add-modules", "jdk.incubator.vector"));
        }
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("rnn4j."))
                .forEach(k -> cmd.add("-D" + k + "=" + System.getProperty(k)));
        cmd.add(KillChild.class.getName());
        cmd.addAll(List.of(dir.toString(), finalWeights.toString(), Integer.toString(TOTAL), Integer.toString(EVERY),
                Integer.toString(keep), "15"));
        return cmd;
    }

    /**
     * Every file of the folder is a temporary file of a killed save or a checkpoint that reads back
     * with the reference run's weights at its step. (There may be more than {@code keep}: each kill
     * between a rename and the deletion of old checkpoints leaves one more, until a save completes.)
     * Returns whether a temporary file was there.
     */
    private static boolean checkFolder(Path dir, int keep, Map<Long, Map<String, float[]>> reference) throws IOException {
        if (!Files.exists(dir)) return false;
        boolean temporary = false;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (name.startsWith(".checkpoint-") && name.endsWith(".tmp")) {
                    temporary = true;
                    continue;
                }
                assertTrue(name.matches("checkpoint-\\d{8}\\.safetensors"), "unexpected file " + name);
                Checkpoint c = Checkpoints.read(f);
                Map<String, float[]> want = reference.get(c.step());
                assertNotNull(want, name + " has step " + c.step());
                Map<String, Tensor> stored = SafeTensors.load(f);
                for (Map.Entry<String, float[]> e : want.entrySet()) {
                    assertArrayEquals(e.getValue(), stored.get("model." + e.getKey()).toFloatArray(), name + " " + e.getKey());
                }
            }
        }
        return temporary;
    }
}
