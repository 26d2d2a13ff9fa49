package org.rnn4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Bad arguments to Tensor operations fail with IllegalArgumentException or
 * IndexOutOfBoundsException and a message in PyTorch's words, never with a
 * NullPointerException, ArrayIndexOutOfBoundsException or NegativeArraySizeException.
 */
class TensorBadInputTest {

    /** Asserts {@code body} throws exactly {@code type} (not a subclass such as AIOOBE) whose message has every fragment. */
    static void fails(Class<? extends RuntimeException> type, Executable body, String... fragments) {
        Throwable e = assertThrows(Throwable.class, body);
        if (e.getClass() != type) {
            throw new AssertionError("expected " + type.getSimpleName() + " but got " + e, e);
        }
        for (String f : fragments) {
            assertTrue(e.getMessage() != null && e.getMessage().contains(f),
                    "message \"" + e.getMessage() + "\" lacks \"" + f + "\"");
        }
    }

    private static final Class<IllegalArgumentException> IAE = IllegalArgumentException.class;
    private static final Class<IndexOutOfBoundsException> IOOBE = IndexOutOfBoundsException.class;

    private final Tensor a23 = Tensor.ones(2, 3);
    private final Tensor s = Tensor.scalar(1f);

    @Test
    void creation() {
        fails(IAE, () -> Tensor.zeros(2, -3), "Trying to create tensor with negative dimension -3: [2, -3]");
        fails(IAE, () -> Tensor.ones(-1), "negative dimension -1");
        fails(IAE, () -> Tensor.randn(-2, -2), "negative dimension -2");
        fails(IAE, () -> Tensor.of(new float[4], -1, -4), "negative dimension");
        fails(IAE, () -> Tensor.of(new float[5], 2, 3), "shape '[2, 3]' is invalid for input of size 5");
        fails(IAE, () -> Tensor.of(null, 2), "data");
        fails(IAE, () -> Tensor.of(new float[1], (int[]) null), "shape");
        fails(IAE, () -> Tensor.wrap(null, 2), "data");
        fails(IAE, () -> Tensor.zeros(100000, 100000), "more than");
        fails(IAE, () -> Tensor.zeros(65536, 65536, 0, 65536, 65536), "more than");
        fails(IAE, () -> Tensor.linspace(0, 1, -1), "-1");
    }

    @Test
    void zeroElementShapesAreFine() {
        assertEquals(0, Tensor.zeros(0, 3).numel());
        assertEquals(0, Tensor.zeros(2, 0).add(Tensor.ones(1, 0)).numel());
        assertArrayEquals(new int[] {0, 4}, Tensor.zeros(0, 3).matmul(Tensor.ones(3, 4)).shape());
        assertArrayEquals(new float[] {0, 0, 0, 0}, Tensor.zeros(2, 0).matmul(Tensor.ones(0, 2)).toFloatArray());
        assertEquals(0f, Tensor.zeros(0).sum().item());
        // zero-size views whose offset lies past the end of their (empty) storage
        Tensor e = Tensor.zeros(2, 0, 3);
        Tensor tail = e.narrow(0, 1, 1);
        assertEquals(0, tail.toFloatArray().length);
        tail.fill(1f);
        tail.copyFrom(Tensor.zeros(1, 0, 3));
        assertArrayEquals(new int[] {4, 0, 3}, Tensor.cat(java.util.List.of(e, e), 0).shape());
        assertArrayEquals(new int[] {2, 2, 0, 3}, Tensor.stack(java.util.List.of(e, e), 0).shape());
        assertArrayEquals(new int[] {0, 3}, e.select(0, 1).shape());
        Tensor g = Tensor.zeros(2, 0).requiresGrad(true);
        Tensor.cat(java.util.List.of(g, g), 0).sum().backward();
        assertArrayEquals(new int[] {2, 0}, g.grad().shape());
    }

    @Test
    void broadcastingMismatch() {
        fails(IAE, () -> a23.add(Tensor.ones(4)),
                "The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1");
        fails(IAE, () -> a23.sub(Tensor.ones(3, 3)), "size of tensor a (2)", "tensor b (3)");
        fails(IAE, () -> a23.mul(Tensor.ones(2, 2)), "must match");
        fails(IAE, () -> a23.div(Tensor.ones(1, 2)), "must match");
        fails(IAE, () -> a23.add(null), "null");
        fails(IAE, () -> a23.sub((Tensor) null), "null");
        fails(IAE, () -> a23.mul((Tensor) null), "null");
        fails(IAE, () -> a23.div((Tensor) null), "null");
    }

    @Test
    void matmulMismatch() {
        fails(IAE, () -> a23.matmul(Tensor.ones(4, 2)), "mat1 and mat2 shapes cannot be multiplied (2x3 and 4x2)");
        fails(IAE, () -> Tensor.ones(3).matmul(Tensor.ones(4)),
                "inconsistent tensor size, expected tensor [3] and src [4] to have the same number of elements");
        fails(IAE, () -> a23.matmul(Tensor.ones(4)), "2x3", "4");
        fails(IAE, () -> Tensor.ones(3).matmul(Tensor.ones(4, 2)),
                "mat1 and mat2 shapes cannot be multiplied (1x3 and 4x2)");
        fails(IAE, () -> Tensor.ones(2, 2, 3).matmul(Tensor.ones(4, 2)),
                "mat1 and mat2 shapes cannot be multiplied (4x3 and 4x2)");
        fails(IAE, () -> s.matmul(a23), "both arguments to matmul need to be at least 1D, but they are 0D and 2D");
        fails(IAE, () -> a23.matmul(Tensor.ones(3, 2, 2)), "[3, 2, 2]");
        fails(IAE, () -> a23.matmul(null), "null");
    }

    @Test
    void badReshape() {
        fails(IAE, () -> a23.reshape(4, 2), "shape '[4, 2]' is invalid for input of size 6");
        fails(IAE, () -> a23.reshape(-1, -1), "only one dimension can be inferred");
        fails(IAE, () -> a23.reshape(-2, 3), "invalid shape dimension -2");
        fails(IAE, () -> a23.reshape(4, -1), "shape '[4, -1]' is invalid for input of size 6");
        fails(IAE, () -> a23.view(7), "invalid for input of size 6");
        fails(IAE, () -> Tensor.zeros(0, 3).reshape(0, -1), "[0, -1]");
        fails(IAE, () -> a23.reshape(65536, 65536, 0, -1), "invalid");
        fails(IAE, () -> a23.reshape((int[]) null), "shape");
    }

    @Test
    void outOfRangeDimensions() {
        String range = "Dimension out of range (expected to be in range of [-2, 1], but got 2)";
        fails(IOOBE, () -> a23.transpose(0, 2), range);
        fails(IOOBE, () -> a23.transpose(-3, 0), "but got -3");
        fails(IOOBE, () -> a23.size(2), range);
        fails(IOOBE, () -> a23.sum(2, false), range);
        fails(IOOBE, () -> a23.squeeze(2), range);
        fails(IOOBE, () -> a23.unsqueeze(3), "Dimension out of range (expected to be in range of [-3, 2], but got 3)");
        fails(IOOBE, () -> a23.select(2, 0), range);
        fails(IOOBE, () -> a23.narrow(-3, 0, 1), "but got -3");
        fails(IOOBE, () -> Tensor.cat(List.of(a23, a23), 2), range);
        fails(IOOBE, () -> Tensor.stack(List.of(a23, a23), 3),
                "Dimension out of range (expected to be in range of [-3, 2], but got 3)");
    }

    @Test
    void outOfRangeIndices() {
        fails(IOOBE, () -> a23.select(1, 3), "select(): index 3 out of range for tensor of size [2, 3] at dimension 1");
        fails(IOOBE, () -> a23.select(0, -3), "index -3");
        fails(IOOBE, () -> a23.narrow(1, 2, 2), "start (2) + length (2) exceeds dimension size (3)");
        fails(IOOBE, () -> a23.narrow(1, 0, -1), "length");
        fails(IOOBE, () -> a23.narrow(1, Integer.MAX_VALUE, 1), "start out of range");
        fails(IOOBE, () -> a23.narrow(1, 1, Integer.MAX_VALUE), "exceeds dimension size (3)");
        fails(IOOBE, () -> a23.narrow(1, -4, 1), "start");
        fails(IOOBE, () -> a23.get(2, 0), "index 2 is out of bounds for dimension 0 with size 2");
        fails(IAE, () -> a23.get(0), "expected 2 indices, got 1");
        fails(IAE, () -> a23.get((int[]) null), "ind");
    }

    @Test
    void negativeNarrowStartWrapsAsInPyTorch() {
        Tensor t = Tensor.of(new float[] {1, 2, 3}, 3);
        assertArrayEquals(new float[] {3}, t.narrow(0, -1, 1).toFloatArray());
        assertArrayEquals(new float[] {2, 3}, t.narrow(0, -2, 2).toFloatArray());
    }

    @Test
    void zeroDimensionalTensors() {
        fails(IOOBE, () -> s.select(0, 0), "select() cannot be applied to a 0-dim tensor.");
        fails(IOOBE, () -> s.narrow(0, 0, 1), "narrow() cannot be applied to a 0-dim tensor.");
        fails(IAE, () -> Tensor.cat(List.of(s, s), 0), "zero-dimensional tensor (at position 0) cannot be concatenated");
        fails(IOOBE, () -> s.transpose(0, 1), "Dimension out of range (expected to be in range of [-1, 0], but got 1)");
        // valid on 0-d, as in PyTorch
        assertEquals(1f, s.sum(0, false).item());
        assertEquals(0, s.sum(0, true).dim());
        assertEquals(1f, s.squeeze(0).item());
        assertArrayEquals(new int[] {1}, s.unsqueeze(0).shape());
        assertEquals(0, s.transpose(0, -1).dim());
        assertArrayEquals(new int[] {2}, Tensor.stack(List.of(s, s), 0).shape());
    }

    @Test
    void catAndStackMismatch() {
        fails(IAE, () -> Tensor.cat(List.of(a23, Tensor.ones(2, 4)), 0),
                "Sizes of tensors must match except in dimension 0. Expected size 3 but got size 4 for tensor number 1 in the list.");
        fails(IAE, () -> Tensor.cat(List.of(a23, Tensor.ones(3)), 0),
                "Tensors must have same number of dimensions: got 2 and 1");
        fails(IAE, () -> Tensor.stack(List.of(a23, Tensor.ones(2, 4)), 0),
                "stack expects each tensor to be equal size, but got [2, 3] at entry 0 and [2, 4] at entry 1");
        fails(IAE, () -> Tensor.cat(List.of(), 0), "non-empty");
        fails(IAE, () -> Tensor.stack(List.of(), 0), "non-empty");
        fails(IAE, () -> Tensor.cat(null, 0), "null");
        fails(IAE, () -> Tensor.stack(null, 0), "null");
        List<Tensor> withNull = new ArrayList<>(Arrays.asList(a23, null));
        fails(IAE, () -> Tensor.cat(withNull, 0), "null", "1");
        fails(IAE, () -> Tensor.stack(withNull, 0), "null", "1");
    }

    @Test
    void expandSumToAndCopyMismatch() {
        fails(IAE, () -> a23.expandTo(new int[] {4, 3}), "The expanded size of the tensor (4) must match the existing "
                + "size (2) at non-singleton dimension 0.  Target sizes: [4, 3].  Tensor sizes: [2, 3]");
        fails(IAE, () -> a23.expandTo(new int[] {3}), "the number of sizes provided (1) must be greater or equal to "
                + "the number of dimensions in the tensor (2)");
        fails(IAE, () -> a23.expandTo(new int[] {-1, 3}), "negative dimension");
        fails(IAE, () -> a23.sumTo(new int[] {4}), "[2, 3]", "[4]");
        fails(IAE, () -> a23.sumTo(new int[] {2, 2}), "[2, 3]", "[2, 2]");
        fails(IAE, () -> a23.sumTo(new int[] {1, 2, 3}), "[2, 3]", "[1, 2, 3]");
        fails(IAE, () -> a23.copyFrom(Tensor.ones(3, 2)), "[2, 3]", "[3, 2]");
        fails(IAE, () -> a23.copyFrom(null), "null");
        fails(IAE, () -> a23.setGrad(Tensor.ones(3)), "[2, 3]", "[3]");
        fails(IAE, () -> a23.item(), "a Tensor with 6 elements cannot be converted to Scalar");
    }

    /** A tensor larger than the heap is an IllegalArgumentException, not an OutOfMemoryError. */
    @Test
    void tensorLargerThanTheHeapIsBadInput() {
        int side = 46_000; // 46,000^2 floats = 7.9 GiB, above half of any heap the tests get
        fails(IAE, () -> Tensor.zeros(side, side), "[46000, 46000]", "maximum heap");
        fails(IAE, () -> new org.rnn4j.nn.RNN(side, side), "maximum heap");
    }
}
