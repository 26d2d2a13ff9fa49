package org.rnn4j.optim.lr;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnn4j.optim.Adam;
import org.rnn4j.optim.AdamW;
import org.rnn4j.optim.Optimizer;
import org.rnn4j.optim.RMSprop;
import org.rnn4j.optim.SGD;
import org.rnn4j.tensor.Tensor;

/**
 * The schedules of tools/make_scheduler_fixtures.py (optim/schedulers.txt; see its docstring),
 * and the rnn4j optimizer and scheduler each case describes.
 */
final class ScheduleFixtures {
    private ScheduleFixtures() {
    }

    /** One case: PyTorch's lr (and momentum, metric) after construction (index 0) and each step. */
    static final class Case {
        String name;
        String scheduler;
        String optimizer;
        final Map<String, String> options = new LinkedHashMap<>();
        final List<Double> lr = new ArrayList<>();
        final List<Double> momentum = new ArrayList<>();
        final List<Double> metric = new ArrayList<>();

        double num(String key, double fallback) {
            return options.containsKey(key) ? Double.parseDouble(options.get(key)) : fallback;
        }

        int integer(String key, int fallback) {
            return options.containsKey(key) ? Integer.parseInt(options.get(key)) : fallback;
        }

        String word(String key, String fallback) {
            return options.getOrDefault(key, fallback);
        }

        boolean flag(String key, boolean fallback) {
            return options.containsKey(key) ? Boolean.parseBoolean(options.get(key)) : fallback;
        }

        /** The optimizer over a fresh [2] parameter without gradient. */
        Optimizer newOptimizer() {
            List<Tensor> p = List.of(Tensor.zeros(2).requiresGrad(true));
            double lr = num("lr", Double.NaN);
            return switch (optimizer) {
                case "SGD" -> new SGD(p, SGD.options().lr(lr).momentum(num("momentum", 0)));
                case "RMSprop" -> new RMSprop(p, RMSprop.options().lr(lr).momentum(num("momentum", 0)));
                case "Adam" -> new Adam(p, lr);
                case "AdamW" -> new AdamW(p, lr);
                default -> throw new AssertionError(name + ": optimizer " + optimizer);
            };
        }

        /** The scheduler with the case's arguments; PyTorch's defaults where the case gives none. */
        LRScheduler newScheduler(Optimizer o) {
            return switch (scheduler) {
                case "StepLR" -> new StepLR(o, integer("step_size", -1), num("gamma", 0.1));
                case "ExponentialLR" -> new ExponentialLR(o, num("gamma", Double.NaN));
                case "CosineAnnealingLR" -> new CosineAnnealingLR(o, integer("T_max", -1), num("eta_min", 0));
                case "LinearLR" -> new LinearLR(o, num("start_factor", 1.0 / 3), num("end_factor", 1.0),
                        integer("total_iters", 5));
                case "OneCycleLR" -> new OneCycleLR(o, num("max_lr", Double.NaN), integer("total_steps", -1),
                        OneCycleLR.options().pctStart(num("pct_start", 0.3))
                                .annealStrategy(word("anneal_strategy", "cos"))
                                .cycleMomentum(flag("cycle_momentum", true))
                                .baseMomentum(num("base_momentum", 0.85)).maxMomentum(num("max_momentum", 0.95))
                                .divFactor(num("div_factor", 25)).finalDivFactor(num("final_div_factor", 1e4))
                                .threePhase(flag("three_phase", false)));
                case "ReduceLROnPlateau" -> new ReduceLROnPlateau(o, ReduceLROnPlateau.options()
                        .mode(word("mode", "min")).factor(num("factor", 0.1)).patience(integer("patience", 10))
                        .threshold(num("threshold", 1e-4)).thresholdMode(word("threshold_mode", "rel"))
                        .cooldown(integer("cooldown", 0)).minLr(num("min_lr", 0)).eps(num("eps", 1e-8)));
                default -> throw new AssertionError(name + ": scheduler " + scheduler);
            };
        }

        /** Steps the scheduler to epoch {@code s} (the metric of that epoch for ReduceLROnPlateau). */
        void step(LRScheduler s, int epoch) {
            if (s instanceof ReduceLROnPlateau plateau) {
                plateau.step(metric.get(epoch));
            } else {
                s.step();
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> load() {
        List<Case> cases = new ArrayList<>();
        try (InputStream in = ScheduleFixtures.class.getResourceAsStream("/optim/schedulers.txt")) {
            if (in == null) throw new IOException("missing test resource /optim/schedulers.txt");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            Case c = null;
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] t = line.trim().split(" ");
                switch (t[0]) {
                    case "case" -> {
                        c = new Case();
                        c.name = t[1];
                    }
                    case "scheduler" -> c.scheduler = t[1];
                    case "optimizer" -> c.optimizer = t[1];
                    case "option" -> c.options.put(t[1], t[2]);
                    case "at" -> at(c, t);
                    case "end" -> cases.add(c);
                    default -> throw new IOException("bad fixture line: " + line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }

    private static void at(Case c, String[] t) throws IOException {
        if (Integer.parseInt(t[1]) != c.lr.size()) throw new IOException(c.name + ": step " + t[1] + " out of order");
        for (int k = 2; k + 1 < t.length; k += 2) {
            double v = Double.parseDouble(t[k + 1]);
            switch (t[k]) {
                case "lr" -> c.lr.add(v);
                case "momentum" -> c.momentum.add(v);
                case "metric" -> {
                    while (c.metric.size() < c.lr.size() - 1) c.metric.add(Double.NaN);
                    c.metric.add(v);
                }
                default -> throw new IOException(c.name + ": bad field " + t[k]);
            }
        }
        if (c.metric.size() < c.lr.size()) c.metric.add(Double.NaN);
    }
}
