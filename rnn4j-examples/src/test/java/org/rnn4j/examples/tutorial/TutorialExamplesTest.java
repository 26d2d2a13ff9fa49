package org.rnn4j.examples.tutorial;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each example prints what its PyTorch snippet prints. */
class TutorialExamplesTest {
    private static List<String> run(String name) {
        StringWriter s = new StringWriter();
        TutorialExamples.find(name).orElseThrow().run(new PrintWriter(s));
        return s.toString().lines().toList();
    }

    @Test
    void rnn() {
        assertEquals(List.of(
                "RNN(100, 10)",
                "odict_keys(['weight_ih_l0', 'weight_hh_l0', 'bias_ih_l0', 'bias_hh_l0'])",
                "torch.Size([10, 100]) torch.Size([10, 10])",
                "torch.Size([10, 3, 10]) torch.Size([1, 3, 10])"), run("rnn"));
    }

    @Test
    void rnnLayers() {
        List<String> out = run("rnn-layers");
        assertEquals(3, out.size(), String.join("\n", out));
        assertEquals("RNN(100, 10, num_layers=4)", out.get(0));
        assertEquals("odict_keys(['weight_ih_l0', 'weight_hh_l0', 'bias_ih_l0', 'bias_hh_l0', "
                + "'weight_ih_l1', 'weight_hh_l1', 'bias_ih_l1', 'bias_hh_l1', "
                + "'weight_ih_l2', 'weight_hh_l2', 'bias_ih_l2', 'bias_hh_l2', "
                + "'weight_ih_l3', 'weight_hh_l3', 'bias_ih_l3', 'bias_hh_l3'])", out.get(1));
        assertEquals("torch.Size([10, 3, 10]) torch.Size([4, 3, 10])", out.get(2));
    }

    @Test
    void rnnCell() {
        List<String> out = run("rnncell");
        assertEquals("RNNCell(100, 10)", out.get(0));
        assertEquals(Collections.nCopies(10, "torch.Size([3, 10])"), out.subList(1, out.size()));
    }

    @Test
    void stackedCells() {
        assertEquals(List.of(
                "RNNCell(100, 10) RNNCell(10, 20)",
                "torch.Size([3, 10]) torch.Size([3, 20])"), run("stacked-cells"));
    }

    @Test
    void sineNet() {
        assertEquals(List.of(
                "Net(",
                "  (rnn): RNN(1, 16, num_layers=2, batch_first=True)",
                "  (linear): Linear(in_features=16, out_features=1, bias=True)",
                ")",
                "torch.Size([1, 49, 1]) torch.Size([1, 49, 1]) torch.Size([2, 1, 16])"), run("sine-net"));
    }

    @Test
    void namesAreUniqueAndDescribed() {
        assertEquals(TutorialExamples.ALL.size(), TutorialExamples.names().stream().distinct().count());
        for (TutorialExample e : TutorialExamples.ALL) {
            assertEquals(false, e.description().isBlank(), e.name());
            assertEquals(false, e.description().contains("\n"), e.name());
        }
    }
}
