package org.rnn4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rnn4j.tensor.DType;
import org.rnn4j.tensor.Tensor;

/**
 * TextLanes over the stream 0, 1, 2, ... (each token is its own position), so every element of a
 * window says where in the stream it came from.
 */
class TextLanesTest {
    private static long[] positions(int n) {
        long[] t = new long[n];
        for (int i = 0; i < n; i++) t[i] = i;
        return t;
    }

    @Test
    void windowsLineUpWithTheStream() {
        TextLanes lanes = new TextLanes(positions(50), 3, 4); // lanes of 16 (2 tokens dropped), 3 windows a pass
        assertEquals(16, lanes.laneLength());
        assertEquals(3, lanes.windowsPerPass());
        for (int pass = 0; pass < 2; pass++) {
            for (int w = 0; w < 3; w++) {
                TextLanes.Window win = lanes.next();
                assertEquals(w == 0, win.startsPass());
                assertEquals(DType.INT64, win.input().dtype());
                assertArrayEquals(new int[] {3, 4}, win.input().shape());
                assertArrayEquals(new int[] {3, 4}, win.target().shape());
                long[] in = win.input().toLongArray();
                long[] tgt = win.target().toLongArray();
                for (int b = 0; b < 3; b++) {
                    for (int t = 0; t < 4; t++) {
                        long pos = b * 16L + w * 4L + t;
                        assertEquals(pos, in[b * 4 + t], "input [" + b + ", " + t + "] of window " + w);
                        assertEquals(pos + 1, tgt[b * 4 + t], "target = the next token");
                    }
                }
            }
        }
        assertEquals(new TextLanes.State(2, 0), lanes.state());
    }

    @Test
    void consecutiveWindowsOfALaneAreContiguous() {
        TextLanes lanes = new TextLanes(positions(1000), 7, 9);
        long[] previous = lanes.next().input().toLongArray();
        for (int w = 1; w < lanes.windowsPerPass(); w++) {
            TextLanes.Window win = lanes.next();
            long[] in = win.input().toLongArray();
            for (int b = 0; b < 7; b++) assertEquals(previous[b * 9 + 8] + 1, in[b * 9], "lane " + b + " continues");
            previous = in;
            assertFalse(win.startsPass());
        }
        assertTrue(lanes.next().startsPass());
    }

    @Test
    void aRestoredPositionGivesTheSameWindows() {
        TextLanes a = new TextLanes(positions(300), 4, 5);
        for (int i = 0; i < 20; i++) a.next(); // 14 windows a pass: into the second pass
        TextLanes.State s = a.state();
        assertEquals(new TextLanes.State(1, 6), s);
        TextLanes b = new TextLanes(Tensor.ofLongs(positions(300), 300), 4, 5);
        b.restore(s);
        for (int i = 0; i < 20; i++) {
            TextLanes.Window x = a.next();
            TextLanes.Window y = b.next();
            assertArrayEquals(x.input().toLongArray(), y.input().toLongArray());
            assertArrayEquals(x.target().toLongArray(), y.target().toLongArray());
            assertEquals(x.startsPass(), y.startsPass());
        }
    }

    @Test
    void theShortestStreamHasOneWindowPerLane() {
        TextLanes lanes = new TextLanes(positions(10), 2, 4);
        assertEquals(1, lanes.windowsPerPass());
        assertArrayEquals(new long[] {1, 2, 3, 4, 6, 7, 8, 9}, lanes.next().target().toLongArray());
        String m = assertThrows(IllegalArgumentException.class, () -> new TextLanes(positions(9), 2, 4)).getMessage();
        assertTrue(m.contains("need at least 2 * (4 + 1) = 10 tokens, got 9"), m);
    }

    @Test
    void badArguments() {
        assertThrows(IllegalArgumentException.class, () -> new TextLanes(positions(10), 0, 4));
        assertThrows(IllegalArgumentException.class, () -> new TextLanes(positions(10), 2, 0));
        assertThrows(IllegalArgumentException.class, () -> new TextLanes((long[]) null, 2, 4));
        assertThrows(IllegalArgumentException.class, () -> new TextLanes(Tensor.zeros(10), 2, 4));
        assertThrows(IllegalArgumentException.class, () -> new TextLanes(Tensor.ofLongs(positions(10), 2, 5), 2, 4));
        TextLanes lanes = new TextLanes(positions(50), 3, 4);
        String m = assertThrows(IllegalArgumentException.class, () -> lanes.restore(new TextLanes.State(0, 3)))
                .getMessage();
        assertTrue(m.contains("0 <= window < 3") && m.contains("window 3"), m);
        assertThrows(IllegalArgumentException.class, () -> lanes.restore(new TextLanes.State(-1, 0)));
        assertEquals(new TextLanes.State(0, 0), lanes.state());
    }
}
