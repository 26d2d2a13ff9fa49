package org.rnn4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.rnn4j.tensor.TensorBadInputTest.fails;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.rnn4j.nn.Linear;
import org.rnn4j.nn.RNN;

/**
 * INT64 tensors: views and copies behave as on FLOAT32 (the oracle: the same op on the same small
 * integers held as floats, which are exact), PyTorch's repr, conversions, and every op that needs
 * floats refuses them naming the op and both dtypes.
 */
class Int64TensorTest {
    private static final Class<IllegalArgumentException> IAE = IllegalArgumentException.class;

    /** 0 .. 23 as INT64 and FLOAT32, shape [2, 3, 4]. */
    private static final long[] VALUES = new long[24];
    private static final float[] FLOATS = new float[24];

    static {
        for (int i = 0; i < 24; i++) {
            VALUES[i] = i * 7L - 50; // negative and positive
            FLOATS[i] = VALUES[i];
        }
    }

    private static Tensor longs() {
        return Tensor.ofLongs(VALUES, 2, 3, 4);
    }

    private static Tensor floats() {
        return Tensor.of(FLOATS, 2, 3, 4);
    }

    @Test
    void creationAndReadBack() {
        long[] data = {Long.MIN_VALUE, -1, 0, 1, Long.MAX_VALUE, 1L << 53 | 1};
        Tensor t = Tensor.ofLongs(data, 2, 3);
        data[0] = 5; // ofLongs copies
        assertEquals(DType.INT64, t.dtype());
        assertEquals(DType.FLOAT32, Tensor.zeros(2).dtype());
        assertArrayEquals(new int[] {2, 3}, t.shape());
        assertArrayEquals(new long[] {Long.MIN_VALUE, -1, 0, 1, Long.MAX_VALUE, 1L << 53 | 1}, t.toLongArray());
        assertArrayEquals(new long[] {9}, Tensor.ofLongs(new long[] {9}).reshape().toLongArray());
        assertEquals(0, Tensor.ofLongs(new long[0], 0, 3).numel());
        fails(IAE, () -> Tensor.ofLongs(null, 2), "data");
        fails(IAE, () -> Tensor.ofLongs(new long[5], 2, 3), "shape '[2, 3]' is invalid for input of size 5");
        fails(IAE, () -> Tensor.ofLongs(new long[1], -1), "negative dimension");
    }

    @Test
    void viewsAndCopiesAgreeWithTheSameOpOnFloats() {
        Map<String, UnaryOperator<Tensor>> ops = new LinkedHashMap<>();
        ops.put("reshape", t -> t.reshape(4, -1));
        ops.put("view", t -> t.view(24));
        ops.put("transpose", t -> t.transpose(0, 2));
        ops.put("transpose+reshape", t -> t.transpose(1, 2).reshape(6, 4));
        ops.put("select", t -> t.select(1, -1));
        ops.put("narrow", t -> t.narrow(2, 1, 2));
        ops.put("narrow of transpose", t -> t.transpose(0, 1).narrow(0, 1, 2));
        ops.put("unsqueeze", t -> t.unsqueeze(1));
        ops.put("squeeze", t -> t.narrow(1, 2, 1).squeeze(1));
        ops.put("contiguous", t -> t.transpose(0, 2).contiguous());
        ops.put("detach", Tensor::detach);
        ops.put("copy", t -> t.transpose(1, 2).copy());
        ops.put("cat", t -> Tensor.cat(List.of(t, t.narrow(1, 0, 1), t.narrow(1, 1, 2)), 1));
        ops.put("stack", t -> Tensor.stack(List.of(t.select(0, 0), t.select(0, 1)), 2));
        for (Map.Entry<String, UnaryOperator<Tensor>> op : ops.entrySet()) {
            Tensor l = op.getValue().apply(longs());
            Tensor f = op.getValue().apply(floats());
            assertEquals(DType.INT64, l.dtype(), op.getKey());
            assertArrayEquals(f.shape(), l.shape(), op.getKey());
            assertArrayEquals(f.strides(), l.strides(), op.getKey());
            float[] expected = f.toFloatArray();
            long[] got = l.toLongArray();
            for (int i = 0; i < got.length; i++) assertEquals((long) expected[i], got[i], op.getKey() + " @" + i);
        }
    }

    @Test
    void viewsShareStorageAndCopyFromWritesThrough() {
        Tensor t = longs();
        Tensor col = t.select(2, 3);
        col.copyFrom(Tensor.ofLongs(new long[] {1, 2, 3, 4, 5, 6}, 2, 3));
        assertArrayEquals(new long[] {1, 2, 3, 4, 5, 6}, t.select(2, 3).toLongArray());
        assertEquals(VALUES[0], t.toLongArray()[0]);
        Tensor copy = t.copy();
        copy.copyFrom(Tensor.ofLongs(new long[24], 2, 3, 4));
        assertEquals(1, t.toLongArray()[3], "copy() owns its storage");
    }

    @Test
    void printsLikePyTorch() {
        // Each expected string is what PyTorch 1.13 prints for the same torch.int64 tensor.
        assertEquals("tensor([[ 1,  2],\n        [10, 20]])",
                Tensor.ofLongs(new long[] {1, 2, 10, 20}, 2, 2).toString());
        assertEquals("tensor([ 1, -2])", Tensor.ofLongs(new long[] {1, -2}, 2).toString());
        assertEquals("tensor(5)", Tensor.ofLongs(new long[] {5}).toString());
        assertEquals("tensor([], dtype=torch.int64)", Tensor.ofLongs(new long[0], 0).toString());
        assertEquals("tensor([], size=(0, 3), dtype=torch.int64)", Tensor.ofLongs(new long[0], 0, 3).toString());
        assertEquals("tensor([], size=(2, 0), dtype=torch.int64)", Tensor.ofLongs(new long[0], 2, 0).toString());
        assertEquals("tensor([-9223372036854775808,                    3])",
                Tensor.ofLongs(new long[] {Long.MIN_VALUE, 3}, 2).toString());
        long[] arange = new long[24];
        for (int i = 0; i < 24; i++) arange[i] = i;
        assertEquals("tensor([[[ 0,  1,  2,  3],\n"
                + "         [ 4,  5,  6,  7],\n"
                + "         [ 8,  9, 10, 11]],\n"
                + "\n"
                + "        [[12, 13, 14, 15],\n"
                + "         [16, 17, 18, 19],\n"
                + "         [20, 21, 22, 23]]])", Tensor.ofLongs(arange, 2, 3, 4).toString());
    }

    @Test
    void conversions() {
        Tensor f = Tensor.of(new float[] {1.9f, -1.9f, 2.5f, -0.5f}, 4);
        assertArrayEquals(new long[] {1, -1, 2, 0}, f.toLong().toLongArray(), "toward zero, as PyTorch's .long()");
        Tensor l = Tensor.ofLongs(new long[] {3, -4, (1L << 24) + 1, Long.MAX_VALUE}, 2, 2).transpose(0, 1);
        Tensor back = l.toFloat();
        assertEquals(DType.FLOAT32, back.dtype());
        assertArrayEquals(new float[] {3f, 16777216f, -4f, 9.223372e18f}, back.toFloatArray());
        assertSame(f, f.toFloat());
        assertSame(l, l.toLong());
        Tensor w = Tensor.ones(2).requiresGrad(true);
        assertFalse(w.toLong().requiresGrad(), "integer results are not differentiable");
    }

    @Test
    void floatOpsRefuseInt64NamingTheOpAndBothDtypes() {
        Tensor l = Tensor.ofLongs(new long[] {1, 2, 3, 4}, 2, 2);
        Tensor f = Tensor.ones(2, 2);
        Map<String, Function<Tensor, Object>> unary = new LinkedHashMap<>();
        unary.put("add", t -> t.add(1f));
        unary.put("mul", t -> t.mul(2f));
        unary.put("div", t -> t.div(2f));
        unary.put("neg", Tensor::neg);
        unary.put("exp", Tensor::exp);
        unary.put("log", Tensor::log);
        unary.put("sqrt", Tensor::sqrt);
        unary.put("square", Tensor::square);
        unary.put("abs", Tensor::abs);
        unary.put("tanh", Tensor::tanh);
        unary.put("sigmoid", Tensor::sigmoid);
        unary.put("relu", Tensor::relu);
        unary.put("sum", Tensor::sum);
        unary.put("mean", Tensor::mean);
        unary.put("sumTo", t -> t.sumTo(new int[] {1, 2}));
        unary.put("expandTo", t -> t.expandTo(new int[] {3, 2, 2}));
        unary.put("toFloatArray", Tensor::toFloatArray);
        unary.put("item", t -> t.narrow(0, 0, 1).narrow(1, 0, 1).item());
        unary.put("get", t -> t.get(0, 0));
        unary.put("fill", t -> t.fill(0f));
        for (Map.Entry<String, Function<Tensor, Object>> op : unary.entrySet()) {
            fails(IAE, () -> op.getValue().apply(l),
                    op.getKey() + "(): expected a tensor of dtype FLOAT32, but got INT64");
        }
        fails(IAE, () -> l.sub(1f), "add(): expected a tensor of dtype FLOAT32, but got INT64"); // x - s = x + (-s)
        fails(IAE, () -> l.sum(0, true), "sum(): expected a tensor of dtype FLOAT32, but got INT64");
        fails(IAE, () -> f.add(l), "add(): expected FLOAT32 tensors, but got FLOAT32 and INT64");
        fails(IAE, () -> l.sub(f), "sub(): expected FLOAT32 tensors, but got INT64 and FLOAT32");
        fails(IAE, () -> f.mul(l), "mul(): expected FLOAT32 tensors, but got FLOAT32 and INT64");
        fails(IAE, () -> f.div(l), "div(): expected FLOAT32 tensors, but got FLOAT32 and INT64");
        fails(IAE, () -> f.matmul(l), "matmul(): expected FLOAT32 tensors, but got FLOAT32 and INT64");
        fails(IAE, () -> f.toLongArray(), "toLongArray(): expected a tensor of dtype INT64, but got FLOAT32");
        fails(IAE, () -> Tensor.cat(List.of(f, l), 0), "cat()", "dtype FLOAT32", "tensor number 1", "dtype INT64");
        fails(IAE, () -> Tensor.stack(List.of(l, f), 0), "cat()", "dtype INT64", "dtype FLOAT32");
        fails(IAE, () -> f.copyFrom(l), "copy: expected a source of dtype FLOAT32, but got INT64");
        fails(IAE, () -> l.copyFrom(f), "copy: expected a source of dtype INT64, but got FLOAT32");
    }

    @Test
    void int64CannotRequireGradAndGradsKeepTheirDtype() {
        Tensor l = Tensor.ofLongs(new long[] {1, 2}, 2);
        fails(IAE, () -> l.requiresGrad(true), "only Tensors of floating point and complex dtype can require gradients",
                "INT64");
        assertFalse(l.requiresGrad(false).requiresGrad());
        Tensor w = Tensor.ones(2).requiresGrad(true);
        fails(IAE, () -> w.setGrad(l), "assigned grad has data of a different type: expected FLOAT32, got INT64");
        fails(IAE, () -> w.sum().backward(Tensor.ofLongs(new long[] {1}).reshape()), "backward()", "INT64");
    }

    @Test
    void modulesRefuseInt64Input() {
        Tensor x = Tensor.ofLongs(new long[6], 2, 3);
        fails(IAE, () -> new Linear(3, 2).forward(x), "INT64", "FLOAT32");
        fails(IAE, () -> new RNN(3, 2).forward(x), "INT64", "FLOAT32");
    }
}
