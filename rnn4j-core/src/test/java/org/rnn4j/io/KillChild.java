package org.rnn4j.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The process {@link KillTest} kills: a {@link TinyRun} that resumes from the newest checkpoint
 * in a folder, trains to a given step with a checkpoint every few steps, and writes its final
 * weights. It reports what it is doing on stdout, one flushed line per event, so that the test can
 * kill it inside a chosen part of a save; the hooks around a save's commit sleep a little to make
 * those moments wide enough to hit.
 *
 * <pre>
 *   ready S          restored to step S (0: fresh start)
 *   skipped MESSAGE  a damaged checkpoint was passed over (the test fails on it)
 *   writing S        a save of step S begins (the temporary file is being written)
 *   commit S         the temporary file is complete, fsynced, not yet renamed
 *   committed S      renamed into place; older checkpoints not yet deleted
 *   saved S          the save is complete
 *   done             the final weights are written
 * </pre>
 *
 * Arguments: checkpoint folder, final weights file, total steps, steps between checkpoints, keep,
 * milliseconds to sleep in each hook.
 */
public final class KillChild {
    private KillChild() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        Path dir = Path.of(args[0]);
        Path finalWeights = Path.of(args[1]);
        long total = Long.parseLong(args[2]);
        long every = Long.parseLong(args[3]);
        int keep = Integer.parseInt(args[4]);
        long sleep = Long.parseLong(args[5]);
        TinyRun run = new TinyRun(KillTest.SEED);
        long[] saving = {0};
        CheckpointManager checkpoints = new CheckpointManager(dir, keep, new CheckpointManager.Hooks() {
            @Override
            public void beforeCommit(Path tmp) {
                say("commit " + saving[0]);
                pause(sleep);
            }

            @Override
            public void afterCommit(Path file) {
                say("committed " + saving[0]);
                pause(sleep);
            }
        });
        Optional<Checkpoint> resumed = checkpoints.restoreLatest(run.live(), m -> say("skipped " + m));
        resumed.ifPresent(run::resume);
        say("ready " + run.step);
        while (run.step < total) {
            run.step();
            if (run.step % every == 0) {
                saving[0] = run.step;
                say("writing " + run.step);
                checkpoints.save(run.live(), run.values());
                say("saved " + run.step);
            }
        }
        SafeTensors.save(finalWeights, run.net.stateDict());
        say("done");
        System.exit(0); // helper threads of the kernels must not keep the JVM alive
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
