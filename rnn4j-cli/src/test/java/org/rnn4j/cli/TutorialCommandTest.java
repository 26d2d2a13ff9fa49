package org.rnn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnn4j.examples.tutorial.TutorialExamples;

class TutorialCommandTest {
    @Test
    void listsEveryExample() {
        Cli r = Cli.run("tutorial");
        assertEquals(0, r.status(), r.err());
        for (String name : TutorialExamples.names()) {
            assertTrue(r.out().contains("  " + name + " "), name + " missing in\n" + r.out());
        }
        assertEquals(TutorialExamples.names().size() + 1, r.out().split("\\R").length, r.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rnn", "rnn-layers", "rnncell", "stacked-cells", "sine-net"})
    void runsEachExample(String name) {
        Cli r = Cli.run("tutorial", name);
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("torch.Size(["), r.out());
        assertEquals("", r.err());
    }
}
