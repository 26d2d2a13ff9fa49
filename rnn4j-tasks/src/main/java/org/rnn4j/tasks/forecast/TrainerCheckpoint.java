package org.rnn4j.tasks.forecast;

import java.io.IOException;
import java.util.Optional;

/**
 * Where a training driver keeps its {@link TrainerState}, so that a restarted driver resumes:
 * {@link TrainerCheckpointFile} (one safetensors file, replaced atomically) for now.
 */
public interface TrainerCheckpoint {
    /** Replaces the stored state with {@code state}; a crash midway leaves the previous one whole. */
    void save(TrainerState state) throws IOException;

    /** The state saved last, or empty when there is none. */
    Optional<TrainerState> load() throws IOException;
}
