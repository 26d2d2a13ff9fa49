package org.rnn4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnn4j.tensor.DType;
import org.rnn4j.tensor.Tensor;

/** Collate.stack and Collate.padSequences: shapes, values, lengths, dtypes and bad batches. */
class CollateTest {
    @Test
    void padsFloatSequencesBatchFirstWithTheirLengths() {
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2);
        Tensor b = Tensor.of(new float[] {5, 6, 7, 8, 9, 10}, 3, 2);
        Tensor c = Tensor.of(new float[] {11, 12}, 1, 2);
        PaddedBatch p = Collate.padSequences(-1).apply(List.of(a, b, c));
        assertArrayEquals(new int[] {3, 3, 2}, p.padded().shape());
        assertArrayEquals(new int[] {2, 3, 1}, p.lengths(), "lengths in batch order, not sorted");
        assertArrayEquals(new float[] {1, 2, 3, 4, -1, -1, 5, 6, 7, 8, 9, 10, 11, 12, -1, -1, -1, -1},
                p.padded().toFloatArray());
    }

    @Test
    void padsTokenSequencesAsInt64() {
        Tensor a = Tensor.ofLongs(new long[] {4, 5, 6}, 3);
        Tensor b = Tensor.ofLongs(new long[] {7}, 1);
        Tensor strided = Tensor.ofLongs(new long[] {1, 2, 3, 4}, 2, 2).transpose(0, 1).select(0, 0); // [1, 3]
        PaddedBatch p = Collate.padSequences(0).apply(List.of(a, b, strided));
        assertEquals(DType.INT64, p.padded().dtype());
        assertArrayEquals(new long[] {4, 5, 6, 7, 0, 0, 1, 3, 0}, p.padded().toLongArray());
        assertArrayEquals(new int[] {3, 1, 2}, p.lengths());
    }

    @Test
    void emptySequencesArePaddedToo() {
        PaddedBatch p = Collate.padSequences(0).apply(List.of(Tensor.zeros(0), Tensor.zeros(0)));
        assertArrayEquals(new int[] {2, 0}, p.padded().shape());
        assertArrayEquals(new int[] {0, 0}, p.lengths());
    }

    @Test
    void stackAddsABatchDimension() {
        Tensor s = Collate.stack().apply(List.of(Tensor.of(new float[] {1, 2}, 2), Tensor.of(new float[] {3, 4}, 2)));
        assertArrayEquals(new int[] {2, 2}, s.shape());
        assertArrayEquals(new float[] {1, 2, 3, 4}, s.toFloatArray());
    }

    @Test
    void badBatches() {
        String m = assertThrows(IllegalArgumentException.class, () -> Collate.padSequences(0)
                .apply(List.of(Tensor.zeros(2, 3), Tensor.zeros(2, 4)))).getMessage();
        assertTrue(m.contains("sequence 1") && m.contains("[2, 4]") && m.contains("[T, 3]"), m);
        m = assertThrows(IllegalArgumentException.class, () -> Collate.padSequences(0)
                .apply(List.of(Tensor.zeros(2), Tensor.ofLongs(new long[] {1}, 1)))).getMessage();
        assertTrue(m.contains("sequence 1") && m.contains("INT64") && m.contains("FLOAT32"), m);
        m = assertThrows(IllegalArgumentException.class, () -> Collate.padSequences(0)
                .apply(List.of(Tensor.scalar(1f)))).getMessage();
        assertTrue(m.contains("sequence 0") && m.contains("[T]"), m);
        m = assertThrows(IllegalArgumentException.class, () -> Collate.padSequences(0.5)
                .apply(List.of(Tensor.ofLongs(new long[] {1}, 1)))).getMessage();
        assertTrue(m.contains("must be an integer") && m.contains("0.5"), m);
        assertThrows(IllegalArgumentException.class, () -> Collate.padSequences(0).apply(List.of()));
        assertThrows(IllegalArgumentException.class, () -> Collate.stack().apply(null));
    }

    @Test
    void paddedBatchIsAValue() {
        int[] lengths = {2, 1};
        Tensor t = Tensor.zeros(2, 2);
        PaddedBatch p = new PaddedBatch(t, lengths);
        lengths[0] = 7;
        p.lengths()[1] = 7;
        assertArrayEquals(new int[] {2, 1}, p.lengths());
        assertEquals(new PaddedBatch(t, new int[] {2, 1}), p);
        assertThrows(IllegalArgumentException.class, () -> new PaddedBatch(null, lengths));
    }
}
