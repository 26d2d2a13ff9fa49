package org.rnn4j.optim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parser of the line format written by tools/make_optim_fixtures.py (see its docstring). */
final class OptimFixtures {
    private OptimFixtures() {
    }

    /** One block ("config" or "case"): options, shapes, and per-step records. */
    static final class Block {
        String name;
        String kind;
        final Map<String, String> options = new LinkedHashMap<>();
        final List<int[]> shapes = new ArrayList<>();
        final List<float[]> initial = new ArrayList<>();
        /** Per step: gradient per parameter (null = none). */
        final List<List<float[]>> grads = new ArrayList<>();
        /** Per step: parameters after the step. */
        final List<List<float[]>> after = new ArrayList<>();
        /** Clip cases: clipped gradient per parameter (null = none) and total norm. */
        final List<float[]> clipped = new ArrayList<>();
        double total = Double.NaN;

        double option(String key) {
            String v = options.get(key);
            if (v == null) throw new IllegalStateException(name + ": no option " + key);
            return Double.parseDouble(v);
        }

        double option(String key, double fallback) {
            return options.containsKey(key) ? option(key) : fallback;
        }

        boolean flag(String key) {
            return Boolean.parseBoolean(options.getOrDefault(key, "false"));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static List<Block> load(String resource) throws IOException {
        List<Block> blocks = new ArrayList<>();
        try (InputStream in = OptimFixtures.class.getResourceAsStream(resource)) {
            if (in == null) throw new IOException("missing test resource " + resource);
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            Block b = null;
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] parts = line.split(" : ", 2);
                String[] head = parts[0].trim().split(" ");
                float[] values = parts.length > 1 ? floats(parts[1]) : null;
                switch (head[0]) {
                    case "config", "case" -> {
                        b = new Block();
                        b.name = head[1];
                    }
                    case "optimizer", "kind" -> b.kind = head[1];
                    case "option" -> b.options.put(head[1], head[2]);
                    case "param" -> {
                        int[] shape = new int[head.length - 2];
                        for (int k = 0; k < shape.length; k++) shape[k] = Integer.parseInt(head[k + 2]);
                        b.shapes.add(shape);
                        if (values != null) b.initial.add(values);
                    }
                    case "step" -> {
                        b.grads.add(new ArrayList<>());
                        b.after.add(new ArrayList<>());
                    }
                    case "grad" -> {
                        List<float[]> g = b.grads.isEmpty() ? null : b.grads.get(b.grads.size() - 1);
                        if (g == null) {
                            b.grads.add(g = new ArrayList<>());
                        }
                        g.add(head.length > 2 && head[2].equals("none") ? null : values);
                    }
                    case "after" -> b.after.get(b.after.size() - 1).add(values);
                    case "total" -> b.total = Double.parseDouble(head[1]);
                    case "clipped" -> {
                        int idx = Integer.parseInt(head[1]);
                        while (b.clipped.size() < idx) b.clipped.add(null);
                        b.clipped.add(values);
                    }
                    case "end" -> blocks.add(b);
                    default -> throw new IOException("bad fixture line: " + line);
                }
            }
        }
        return blocks;
    }

    private static float[] floats(String s) {
        String t = s.trim();
        if (t.isEmpty()) return new float[0];
        String[] tok = t.split(" ");
        float[] f = new float[tok.length];
        for (int i = 0; i < tok.length; i++) f[i] = (float) Double.parseDouble(tok[i]);
        return f;
    }
}
