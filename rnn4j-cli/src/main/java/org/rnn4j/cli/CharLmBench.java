package org.rnn4j.cli;

import java.util.ArrayList;
import java.util.List;
import org.rnn4j.autograd.GradMode;
import org.rnn4j.nn.CellType;
import org.rnn4j.nn.CrossEntropyLoss;
import org.rnn4j.nn.Embedding;
import org.rnn4j.nn.Linear;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.nn.RecurrentConfig;
import org.rnn4j.optim.Adam;
import org.rnn4j.tensor.Tensor;

/**
 * The character language model's step for {@code rnn4j bench --model charlm}: Embedding(V, E),
 * a batch-first recurrent stack (E -> H, L layers), Linear(H, V) at every step, cross-entropy
 * against the next characters, Adam (lr 2e-3). Input: random token indices [B, T]; inference is
 * the forward to the logits, in eval mode without autograd.
 *
 * @param vocab  V
 * @param embed  E (the stack's input size)
 */
record CharLmBench(CellType cell, int vocab, int embed, int hidden, int layers, int seq, int batch) {
    BenchCommand.Step train() {
        Model m = new Model(this);
        List<Tensor> params = new ArrayList<>(m.embedding.parameters());
        params.addAll(m.rnn.parameters());
        params.addAll(m.head.parameters());
        Adam adam = new Adam(params, 2e-3);
        CrossEntropyLoss ce = new CrossEntropyLoss();
        Tensor x = tokens();
        Tensor target = tokens().reshape(batch * seq);
        return () -> {
            adam.zeroGrad();
            ce.forward(m.logits(x).reshape(batch * seq, vocab), target).backward();
            adam.step();
        };
    }

    BenchCommand.Step infer() {
        Model m = new Model(this);
        m.rnn.eval();
        Tensor x = tokens();
        return () -> {
            try (var off = GradMode.noGrad()) {
                m.logits(x);
            }
        };
    }

    /** GEMM flops of one forward: the stack's (as {@link BenchCommand#forwardFlops}) plus the head. */
    double forwardFlops() {
        double flops = 2.0 * seq * batch * hidden * (double) vocab;
        for (int l = 0; l < layers; l++) {
            int in = l == 0 ? embed : hidden;
            flops += 2.0 * seq * batch * cell.gates() * hidden * (double) (in + hidden);
        }
        return flops;
    }

    private Tensor tokens() {
        float[] u = Tensor.rand(batch, seq).toFloatArray();
        long[] ids = new long[u.length];
        for (int i = 0; i < u.length; i++) ids[i] = Math.min(vocab - 1, (long) (u[i] * vocab));
        return Tensor.ofLongs(ids, batch, seq);
    }

    private static final class Model {
        final Embedding embedding;
        final Recurrent rnn;
        final Linear head;

        Model(CharLmBench b) {
            embedding = new Embedding(b.vocab, b.embed);
            rnn = Recurrent.of(RecurrentConfig.of(b.cell, b.embed, b.hidden).numLayers(b.layers).batchFirst(true));
            head = new Linear(b.hidden, b.vocab);
        }

        /** [B, T] indices -> [B, T, V] logits. */
        Tensor logits(Tensor x) {
            return head.forward(rnn.run(embedding.forward(x)).output());
        }
    }
}
