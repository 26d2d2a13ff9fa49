package org.rnn4j.cli.explain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A recorded computation: for every time step the named vectors (input, pre-activations, gates,
 * states, output) in the order they are computed, plus the equations that relate them.
 */
public final class Trace {
    private final String title;
    private final List<String> equations;
    private final List<Map<String, float[]>> steps = new ArrayList<>();
    private final String output;
    private final List<Panel> panels;

    /** A group of vectors drawn together by {@code --png}, e.g. the gates, or the states. */
    public record Panel(String title, List<String> names) {}

    /**
     * @param output the name of the vector the module emits per step (y or h)
     * @param panels what {@code --png} draws: gates and states
     */
    public Trace(String title, List<String> equations, String output, List<Panel> panels) {
        this.title = title;
        this.equations = List.copyOf(equations);
        this.output = output;
        this.panels = List.copyOf(panels);
    }

    /** Starts a new time step; subsequent {@link #record} calls belong to it. */
    public void beginStep() {
        steps.add(new LinkedHashMap<>());
    }

    /** Records a copy of v under name in the current step. */
    public void record(String name, float[] v) {
        steps.get(steps.size() - 1).put(name, v.clone());
    }

    public String title() {
        return title;
    }

    public List<String> equations() {
        return equations;
    }

    public int steps() {
        return steps.size();
    }

    /** The vectors of step t, by name, in computation order. */
    public Map<String, float[]> step(int t) {
        return Collections.unmodifiableMap(steps.get(t));
    }

    /** The names recorded per step, in computation order. */
    public List<String> names() {
        return steps.isEmpty() ? List.of() : new ArrayList<>(steps.get(0).keySet());
    }

    public float[] get(int t, String name) {
        float[] v = steps.get(t).get(name);
        if (v == null) throw new IllegalArgumentException("no vector '" + name + "' at step " + t);
        return v;
    }

    /** The name of the per-step output. */
    public String outputName() {
        return output;
    }

    public List<Panel> panels() {
        return panels;
    }

    /** The output of every step, [T, n] flattened. */
    public float[] outputs() {
        int n = get(0, output).length;
        float[] all = new float[steps() * n];
        for (int t = 0; t < steps(); t++) System.arraycopy(get(t, output), 0, all, t * n, n);
        return all;
    }
}
