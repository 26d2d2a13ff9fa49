package org.rnn4j.tasks.text;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VectorWarmUpTest {
    /** The warm-up ends by seeing the compiled vector kernels beat the plain ones, not by running out of time. */
    @Test
    void theVectorKernelsGetWarm() throws InterruptedException {
        VectorWarmUp.start();
        for (int i = 0; i < 600 && !VectorWarmUp.warm(); i++) Thread.sleep(50);
        assertTrue(VectorWarmUp.warm(), "not warm after 30 s");
        assertFalse(VectorWarmUp.gaveUp());
    }
}
