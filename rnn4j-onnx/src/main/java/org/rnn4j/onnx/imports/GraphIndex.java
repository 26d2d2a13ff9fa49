package org.rnn4j.onnx.imports;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rnn4j.onnx.proto.OnnxGraph;
import org.rnn4j.onnx.proto.OnnxNode;
import org.rnn4j.onnx.proto.OnnxTensor;
import org.rnn4j.onnx.proto.OnnxValueInfo;

/**
 * A checked view of a graph: every value produced once, every input defined, and the nodes in a
 * topological order (Kahn's algorithm), so that a cycle or a dangling name is an IOException
 * naming the node rather than an endless loop or a null later.
 */
public final class GraphIndex {
    private final OnnxGraph graph;
    private final Map<String, OnnxTensor> initializers = new HashMap<>();
    private final List<OnnxNode> order;

    private GraphIndex(OnnxGraph graph, List<OnnxNode> order) {
        this.graph = graph;
        this.order = order;
        for (OnnxTensor t : graph.initializers()) initializers.put(t.name(), t);
    }

    public static GraphIndex of(OnnxGraph g) throws IOException {
        Set<String> defined = new HashSet<>();
        for (OnnxTensor t : g.initializers()) {
            if (!defined.add(t.name())) throw new IOException("initializer '" + t.name() + "' is defined twice");
        }
        for (OnnxValueInfo v : g.inputs()) defined.add(v.name()); // an input may also have an initializer (a default)
        Map<String, Integer> producer = new HashMap<>();
        List<OnnxNode> nodes = g.nodes();
        for (int i = 0; i < nodes.size(); i++) {
            for (String out : nodes.get(i).outputs()) {
                if (out.isEmpty()) continue;
                if (defined.contains(out) || producer.putIfAbsent(out, i) != null) {
                    throw new IOException("value '" + out + "' is produced twice (again by " + nodes.get(i).describe() + ")");
                }
            }
        }
        int[] waiting = new int[nodes.size()];
        Map<Integer, List<Integer>> dependents = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            Set<Integer> deps = new HashSet<>();
            for (String in : nodes.get(i).inputs()) {
                if (in.isEmpty() || defined.contains(in)) continue;
                Integer p = producer.get(in);
                if (p == null) {
                    throw new IOException(nodes.get(i).describe() + " reads '" + in
                            + "', which no node, input or initializer of the graph defines");
                }
                if (deps.add(p)) dependents.computeIfAbsent(p, k -> new ArrayList<>()).add(i);
            }
            waiting[i] = deps.size();
        }
        Deque<Integer> ready = new ArrayDeque<>();
        for (int i = 0; i < nodes.size(); i++) if (waiting[i] == 0) ready.add(i);
        List<OnnxNode> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            int i = ready.poll();
            order.add(nodes.get(i));
            for (int j : dependents.getOrDefault(i, List.of())) if (--waiting[j] == 0) ready.add(j);
        }
        if (order.size() < nodes.size()) {
            for (int i = 0; i < nodes.size(); i++) {
                if (waiting[i] > 0) throw new IOException("the graph has a cycle through " + nodes.get(i).describe());
            }
        }
        for (OnnxValueInfo out : g.outputs()) {
            if (!defined.contains(out.name()) && !producer.containsKey(out.name())) {
                throw new IOException("graph output '" + out.name() + "' is not computed by any node");
            }
        }
        return new GraphIndex(g, order);
    }

    public OnnxGraph graph() {
        return graph;
    }

    /** The nodes in an order where every node comes after the producers of its inputs. */
    public List<OnnxNode> order() {
        return order;
    }

    /** The initializer named {@code name}, or null. */
    public OnnxTensor initializer(String name) {
        return initializers.get(name);
    }
}
