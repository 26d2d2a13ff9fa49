package org.rnn4j.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rnn4j.nn.Module;
import org.rnn4j.optim.Optimizer;
import org.rnn4j.optim.lr.LRScheduler;
import org.rnn4j.tensor.Generator;

/**
 * The live objects of a training run whose state a checkpoint holds: the model, and optionally
 * its optimizer, learning-rate scheduler and any number of named random generators (the default
 * one behind initialisation and dropout, a data loader's shuffle generator). A save reads their
 * state; a restore writes it back into them, all or nothing. Immutable; each setter returns a
 * changed copy.
 *
 * <pre>{@code
 * TrainingState live = TrainingState.of(model).optimizer(adam).scheduler(schedule)
 *         .generator("default", Generator.defaultGenerator())
 *         .generator("shuffle", shuffle);
 * }</pre>
 */
public final class TrainingState {
    private final Module model;
    private final Optimizer optimizer;
    private final LRScheduler scheduler;
    private final Map<String, Generator> generators;

    private TrainingState(Module model, Optimizer optimizer, LRScheduler scheduler, Map<String, Generator> generators) {
        if (scheduler != null && optimizer != null && scheduler.optimizer() != optimizer) {
            throw new IllegalArgumentException("the scheduler drives another optimizer than the one given: a checkpoint"
                    + " would restore them out of step");
        }
        this.model = model;
        this.optimizer = optimizer;
        this.scheduler = scheduler;
        this.generators = generators;
    }

    /** The state of {@code model} alone. */
    public static TrainingState of(Module model) {
        if (model == null) throw new IllegalArgumentException("model must not be null");
        return new TrainingState(model, null, null, Map.of());
    }

    public TrainingState optimizer(Optimizer optimizer) {
        if (optimizer == null) throw new IllegalArgumentException("optimizer must not be null");
        return new TrainingState(model, optimizer, scheduler, generators);
    }

    /**
     * This state with {@code scheduler}, which must drive this state's optimizer.
     *
     * @throws IllegalArgumentException if no optimizer was given first, or the scheduler drives another
     */
    public TrainingState scheduler(LRScheduler scheduler) {
        if (scheduler == null) throw new IllegalArgumentException("scheduler must not be null");
        if (optimizer == null) throw new IllegalArgumentException("give the optimizer before its scheduler");
        return new TrainingState(model, optimizer, scheduler, generators);
    }

    /** This state with the generator {@code name} added (or replaced). */
    public TrainingState generator(String name, Generator generator) {
        if (name == null || name.isEmpty()) throw new IllegalArgumentException("generator name must not be null or empty");
        if (generator == null) throw new IllegalArgumentException("generator '" + name + "' must not be null");
        Map<String, Generator> g = new LinkedHashMap<>(generators);
        g.put(name, generator);
        return new TrainingState(model, optimizer, scheduler, Collections.unmodifiableMap(g));
    }

    public Module model() {
        return model;
    }

    /** The optimizer, or null. */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** The scheduler, or null. */
    public LRScheduler scheduler() {
        return scheduler;
    }

    /** The generators by name, in the order given. */
    public Map<String, Generator> generators() {
        return generators;
    }
}
