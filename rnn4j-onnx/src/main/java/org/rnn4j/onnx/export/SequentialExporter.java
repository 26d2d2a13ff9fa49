package org.rnn4j.onnx.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rnn4j.nn.Module;
import org.rnn4j.nn.Sequential;
import org.rnn4j.onnx.proto.OnnxValueInfo.Dim;

/**
 * Exports {@code Sequential} as its children's nodes in a row, y = f_{n-1}(... f_0(x)): each
 * child's output value is the next one's input. Nested Sequentials are flattened, and Dropout
 * (the identity in eval semantics) emits nothing, so {@code Sequential(Linear, Dropout,
 * Sequential(Tanh, Linear))} writes the same graph as {@code Sequential(Linear, Tanh, Linear)};
 * a Sequential that computes the identity (empty, or only Dropout) is one {@code Identity} node.
 *
 * <p>The graph's input is what the first child reads: INT64 [time, batch] indices for an
 * Embedding, else FLOAT [time, batch, F] with F the first fixed feature size of the chain (the
 * symbolic {@code features} when only element-wise modules come first and last). The children's
 * types are checked along the chain: a Linear that expects 5 features after one that gives 4, or
 * an Embedding that is not first (its indices would be floats), is an IllegalArgumentException
 * naming the module by its PyTorch position ({@code 1}, {@code 2.0} inside a nested one).
 *
 * <p>Recurrent children: rnn4j's Sequential takes only one-input, one-output modules, and the
 * recurrent modules are not (their forward returns the final states too), so a Sequential never
 * holds one. A container that does (a composite model's exporter) exports a recurrent child with
 * {@code ctx.export(child, List.of(x), List.of(y))}: {@link RecurrentExporter} then writes its
 * {@code output} only and starts from zero states (initial_h and initial_c left out).
 */
public final class SequentialExporter implements UnaryExporter<Sequential> {
    /** One leaf of the flattened chain: its PyTorch position, the module and its exporter. */
    private record Step(String path, Module module, UnaryExporter<Module> exporter) {
        boolean identity() {
            return exporter.identity(module);
        }

        String name() {
            return "module " + path + " (" + module.getClass().getSimpleName() + ")";
        }
    }

    /** The chain's steps with the type entering it and leaving it. */
    private record Chain(List<Step> steps, Port input, Port output) {}

    @Override
    public Class<Sequential> type() {
        return Sequential.class;
    }

    @Override
    public Port input(Sequential m, ExportContext ctx) {
        return chain(m, ctx).input();
    }

    @Override
    public Port output(Sequential m, Port input, ExportContext ctx) {
        return chain(m, ctx).output();
    }

    @Override
    public boolean identity(Sequential m) {
        return false; // its exporter flattens it; an all-identity chain still emits one Identity node
    }

    /** A chain of one module (Dropout aside) loads as that module; any other, as a Sequential. */
    @Override
    public String graphName(Sequential m, ExportContext ctx) {
        List<Step> live = chain(m, ctx).steps().stream().filter(s -> !s.identity()).toList();
        return live.size() == 1 ? live.get(0).exporter().graphName(live.get(0).module(), ctx) : "Sequential";
    }

    @Override
    public void emit(Sequential m, ExportContext ctx, String input, String output) {
        List<Step> live = chain(m, ctx).steps().stream().filter(s -> !s.identity()).toList();
        if (live.isEmpty()) {
            ctx.node("Identity", List.of(input), List.of(output));
            return;
        }
        String x = input;
        for (int k = 0; k < live.size(); k++) {
            Step s = live.get(k);
            String y = k == live.size() - 1 ? output
                    : ctx.fresh(s.module().getClass().getSimpleName().toLowerCase(Locale.ROOT) + "_out");
            s.exporter().emit(s.module(), ctx, x, y);
            x = y;
        }
    }

    private static Chain chain(Sequential m, ExportContext ctx) {
        List<Step> steps = new ArrayList<>();
        flatten(m, "", ctx, steps);
        Port first = null;
        Port cur = null;
        Step prev = null;
        for (Step s : steps) {
            Port need = s.exporter().input(s.module(), ctx);
            if (cur == null) {
                first = need;
                cur = need;
            } else {
                Port joined = join(prev, cur, s, need);
                // a fixed size met after element-wise modules only is the size of the chain's input
                if (cur.anySize() && !joined.anySize() && first.anySize()) first = joined;
                cur = joined;
            }
            cur = s.exporter().output(s.module(), cur, ctx);
            prev = s;
        }
        if (cur == null) {
            first = Port.anyFeatures();
            cur = first;
        }
        return new Chain(steps, first, cur);
    }

    private static void flatten(Sequential s, String prefix, ExportContext ctx, List<Step> out) {
        for (int i = 0; i < s.size(); i++) {
            Module child = s.get(i);
            String path = prefix + i;
            if (child instanceof Sequential inner) {
                flatten(inner, path + ".", ctx, out);
            } else {
                out.add(new Step(path, child, ctx.unary(child, "Sequential module " + path)));
            }
        }
    }

    /** The type flowing from {@code prev} into {@code next}: what both agree on, else the mismatch named. */
    private static Port join(Step prev, Port have, Step next, Port need) {
        if (have.elemType() != need.elemType() || have.tail().size() != need.tail().size()) {
            throw new IllegalArgumentException("Sequential: " + next.name() + " reads " + need.describe() + " but "
                    + prev.name() + " gives " + have.describe());
        }
        if (have.feature() == null || need.anySize()) return have;
        if (have.anySize()) return need;
        Dim h = have.feature();
        Dim n = need.feature();
        if (h.value() != n.value()) {
            throw new IllegalArgumentException("Sequential: " + next.name() + " expects " + n.value()
                    + " input features but " + prev.name() + " gives " + h.value());
        }
        return have;
    }
}
