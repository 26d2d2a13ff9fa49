package org.rnn4j.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.rnn4j.nn.Linear;
import org.rnn4j.tensor.Generator;
import org.rnn4j.tensor.Tensor;

class BuildScopeTest {
    @Test
    void insideAScopeTheDefaultGeneratorIsAThrowawayOne() {
        Generator outer = Generator.defaultGenerator();
        Tensor.manualSeed(4);
        float[] want = Tensor.randn(10).toFloatArray();
        Tensor.manualSeed(4);
        try (BuildScope scope = BuildScope.open(1 << 20)) {
            assertNotSame(outer, Generator.defaultGenerator());
            new Linear(10, 10); // draws 110 numbers from the scope's generator
        }
        assertSame(outer, Generator.defaultGenerator());
        assertNull(BuildScope.generator());
        assertArrayEquals(want, Tensor.randn(10).toFloatArray());
    }

    @Test
    void aScopeIsPerThread() throws InterruptedException {
        AtomicReference<Generator> seen = new AtomicReference<>();
        try (BuildScope scope = BuildScope.open(1 << 20)) {
            Thread t = new Thread(() -> seen.set(Generator.defaultGenerator()));
            t.start();
            t.join();
            assertNotSame(seen.get(), Generator.defaultGenerator());
        }
        assertSame(seen.get(), Generator.defaultGenerator());
    }

    @Test
    void theBudgetBoundsTensorFactoriesAndNests() {
        try (BuildScope outer = BuildScope.open(1 << 20)) {
            try (BuildScope inner = BuildScope.open(1000)) {
                Tensor.zeros(100); // 400 bytes + overhead
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.ones(200));
                assertTrue(e.getMessage().contains("a tensor of shape [200] would exceed the 1000 bytes allowed"),
                        e.getMessage());
            }
            Tensor.zeros(1000); // the outer budget again
        }
        Tensor.zeros(1 << 20); // no scope: no budget
    }

    @Test
    void closingOutOfOrderIsRefused() {
        BuildScope a = BuildScope.open(10);
        BuildScope b = BuildScope.open(10);
        assertThrows(IllegalStateException.class, a::close);
        b.close();
        a.close();
        a.close(); // closing twice is harmless
        assertNull(BuildScope.generator());
    }
}
