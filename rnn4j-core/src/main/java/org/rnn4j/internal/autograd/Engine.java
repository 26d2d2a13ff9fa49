package org.rnn4j.internal.autograd;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.rnn4j.autograd.GradMode;
import org.rnn4j.internal.TensorAccess;
import org.rnn4j.tensor.Tensor;

/**
 * Runs backward over the tape: orders the nodes reachable from the root so that each runs after
 * every node that consumes its outputs, then propagates gradients, summing where a tensor feeds
 * several consumers and accumulating into leaves' {@code grad} as PyTorch does.
 *
 * <p>The arrays of the gradients passed between nodes come from a {@link GradArena} and are reused
 * by the next pass.
 *
 * <p>The graph is walked iteratively (no recursion), so a 100,000-step chain of cell calls
 * backpropagates without a deep Java stack.
 */
public final class Engine {
    private Engine() {}

    /** Backpropagates {@code seed} (shaped like {@code root}) from {@code root}. */
    public static void backward(Tensor root, Tensor seed) {
        Node rootNode = TensorAccess.gradFn(root);
        if (rootNode == null) {
            if (!root.requiresGrad()) {
                throw new IllegalStateException(
                        "element 0 of tensors does not require grad and does not have a grad_fn");
            }
            TensorAccess.accumulateGrad(root, seed);
            return;
        }
        List<Node> order = topologicalOrder(rootNode);
        Map<Node, Tensor[]> pending = new IdentityHashMap<>();
        Tensor[] rootGrads = new Tensor[rootNode.numOutputs()];
        rootGrads[TensorAccess.outputIndex(root)] = seed;
        pending.put(rootNode, rootGrads);
        GradArena arena = GradArena.open();
        boolean completed = false;
        try (var off = GradMode.noGrad()) {
            for (int n = order.size() - 1; n >= 0; n--) {
                Node node = order.get(n);
                Tensor[] gradOutputs = pending.remove(node);
                if (gradOutputs == null) continue;
                Tensor[] gradInputs = node.runBackward(gradOutputs);
                Tensor[] inputs = node.inputs();
                for (int i = 0; i < inputs.length; i++) {
                    Tensor input = inputs[i];
                    Tensor g = gradInputs[i];
                    if (g == null || input == null || !input.requiresGrad()) continue;
                    Node producer = TensorAccess.gradFn(input);
                    if (producer == null) {
                        TensorAccess.accumulateGrad(input, g);
                    } else {
                        Tensor[] slots = pending.computeIfAbsent(producer, p -> new Tensor[p.numOutputs()]);
                        int k = TensorAccess.outputIndex(input);
                        slots[k] = slots[k] == null ? g : slots[k].add(g);
                    }
                }
            }
            completed = true;
        } finally {
            arena.close(completed);
        }
    }

    /** Post-order of the nodes reachable from {@code root}: producers before consumers. */
    private static List<Node> topologicalOrder(Node root) {
        List<Node> order = new ArrayList<>();
        Map<Node, Boolean> seen = new IdentityHashMap<>();
        ArrayDeque<Node> stack = new ArrayDeque<>();
        ArrayDeque<Integer> nextInput = new ArrayDeque<>();
        stack.push(root);
        nextInput.push(0);
        seen.put(root, Boolean.TRUE);
        while (!stack.isEmpty()) {
            Node node = stack.peek();
            int i = nextInput.pop();
            Tensor[] inputs = node.inputs();
            while (i < inputs.length) {
                Tensor in = inputs[i++];
                Node producer = in == null ? null : TensorAccess.gradFn(in);
                if (producer != null && in.requiresGrad() && seen.put(producer, Boolean.TRUE) == null) {
                    nextInput.push(i);
                    stack.push(producer);
                    nextInput.push(0);
                    node = null;
                    break;
                }
            }
            if (node != null) {
                stack.pop();
                order.add(node);
            }
        }
        return order;
    }
}
