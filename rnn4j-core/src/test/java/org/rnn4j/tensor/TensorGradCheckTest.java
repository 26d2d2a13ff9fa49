package org.rnn4j.tensor;

import static org.rnn4j.tensor.GradCheck.awayFromZero;
import static org.rnn4j.tensor.GradCheck.check;
import static org.rnn4j.tensor.GradCheck.uniform;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every differentiable Tensor op's gradient against central finite differences ({@link GradCheck}). */
class TensorGradCheckTest {

    // ------------------------------------------------------------ binary ops with broadcasting

    static Stream<Arguments> broadcastShapes() {
        int[][][] pairs = {
            {{2, 3}, {2, 3}},
            {{2, 3}, {3}},
            {{3}, {2, 3}},
            {{2, 1}, {1, 3}},
            {{4, 1, 3}, {2, 1}},
            {{2, 3, 1}, {3, 4}},
            {{}, {2, 3}},
            {{2, 3}, {}},
            {{1}, {1}},
        };
        List<Arguments> out = new ArrayList<>();
        for (String op : List.of("add", "sub", "mul", "div")) {
            for (int[][] p : pairs) out.add(Arguments.of(op, p[0], p[1]));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("broadcastShapes")
    void binaryOpsWithBroadcasting(String op, int[] a, int[] b) {
        BiFunction<Tensor, Tensor, Tensor> f = switch (op) {
            case "add" -> Tensor::add;
            case "sub" -> Tensor::sub;
            case "mul" -> Tensor::mul;
            default -> Tensor::div;
        };
        // the divisor stays in [0.5, 2): no pole within reach of the finite-difference step
        Tensor x = uniform(1, -1, 1, a);
        Tensor y = op.equals("div") ? awayFromZero(2, 0.5, 2, b) : uniform(2, -1, 1, b);
        check(op + " " + java.util.Arrays.toString(a) + " " + java.util.Arrays.toString(b),
                in -> f.apply(in[0], in[1]), x, y);
    }

    @Test
    void binaryOpsOnNonContiguousOperands() {
        check("add transposed", in -> in[0].transpose(0, 1).add(in[1]), uniform(3, -1, 1, 3, 2), uniform(4, -1, 1, 2, 3));
        check("mul narrowed", in -> in[0].narrow(1, 1, 3).mul(in[1]), uniform(5, -1, 1, 2, 5), uniform(6, -1, 1, 3));
        check("div selected", in -> in[0].div(in[1].select(0, 1)),
                uniform(7, -1, 1, 2, 3), awayFromZero(8, 0.5, 2, 2, 3));
    }

    @Test
    void sameTensorOnBothSides() {
        check("x * x", in -> in[0].mul(in[0]), uniform(9, -1, 1, 2, 3));
        check("x / x.sum over broadcast", in -> in[0].div(in[0].sum().add(10f)), uniform(10, -1, 1, 2, 3));
        check("x - x.T", in -> in[0].sub(in[0].transpose(0, 1)), uniform(11, -1, 1, 3, 3));
    }

    @Test
    void scalarVariants() {
        check("add(float)", in -> in[0].add(1.5f), uniform(12, -1, 1, 2, 3));
        check("sub(float)", in -> in[0].sub(0.25f), uniform(13, -1, 1, 2, 3));
        check("mul(float)", in -> in[0].mul(-3f), uniform(14, -1, 1, 2, 3));
        check("div(float)", in -> in[0].div(0.7f), uniform(15, -1, 1, 2, 3));
    }

    // ------------------------------------------------------------ unary ops

    @Test
    void unaryOps() {
        check("neg", in -> in[0].neg(), uniform(20, -1, 1, 2, 3));
        check("exp", in -> in[0].exp(), uniform(21, -1, 1, 2, 3));
        check("log", in -> in[0].log(), uniform(22, 0.5, 2, 2, 3));
        check("sqrt", in -> in[0].sqrt(), uniform(23, 0.5, 2, 2, 3));
        check("square", in -> in[0].square(), uniform(24, -1, 1, 2, 3));
        check("abs", in -> in[0].abs(), awayFromZero(25, 0.05, 1, 2, 3));
        check("tanh", in -> in[0].tanh(), uniform(26, -2, 2, 2, 3));
        check("sigmoid", in -> in[0].sigmoid(), uniform(27, -3, 3, 2, 3));
        check("relu", in -> in[0].relu(), awayFromZero(28, 0.05, 1, 2, 3));
    }

    @Test
    void unaryOpsOnNonContiguousInput() {
        check("tanh of transpose", in -> in[0].transpose(0, 1).tanh(), uniform(29, -2, 2, 2, 3));
        check("exp of narrow", in -> in[0].narrow(0, 1, 2).exp(), uniform(30, -1, 1, 3, 2));
    }

    // ------------------------------------------------------------ reductions

    @Test
    void reductions() {
        check("sum", in -> in[0].sum(), uniform(40, -1, 1, 2, 3, 4));
        check("mean", in -> in[0].mean(), uniform(41, -1, 1, 2, 3, 4));
        check("sum of transpose", in -> in[0].transpose(0, 2).sum(), uniform(42, -1, 1, 2, 3, 4));
        for (int d : new int[] {0, 1, 2, -1}) {
            for (boolean keep : new boolean[] {false, true}) {
                check("sum(" + d + ", " + keep + ")", in -> in[0].sum(d, keep), uniform(43 + d, -1, 1, 2, 3, 4));
            }
        }
        check("sum(dim) of size-1 dim", in -> in[0].sum(1, false), uniform(48, -1, 1, 3, 1, 2));
        check("sum(dim) of size-1 dim keepDim", in -> in[0].sum(1, true), uniform(49, -1, 1, 3, 1, 2));
        check("sum(dim) of 1-D", in -> in[0].sum(0, false), uniform(50, -1, 1, 5));
    }

    // ------------------------------------------------------------ matmul

    static Stream<Arguments> matmulCases() {
        return Stream.of(
                Arguments.of("1-D . 1-D", new int[] {4}, new int[] {4}),
                Arguments.of("2-D . 1-D", new int[] {3, 4}, new int[] {4}),
                Arguments.of("1-D . 2-D", new int[] {4}, new int[] {4, 3}),
                Arguments.of("2-D . 2-D", new int[] {3, 4}, new int[] {4, 5}),
                Arguments.of("3-D . 2-D", new int[] {2, 3, 4}, new int[] {4, 5}),
                Arguments.of("4-D . 2-D", new int[] {2, 1, 3, 4}, new int[] {4, 2}),
                Arguments.of("3-D . 1-D", new int[] {2, 3, 4}, new int[] {4}),
                Arguments.of("k = 1", new int[] {3, 1}, new int[] {1, 4}),
                Arguments.of("row . column", new int[] {1, 4}, new int[] {4, 1}),
                Arguments.of("column . row", new int[] {4, 1}, new int[] {1, 4}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matmulCases")
    void matmulRanks(String name, int[] a, int[] b) {
        check("matmul " + name, in -> in[0].matmul(in[1]), uniform(60, -1, 1, a), uniform(61, -1, 1, b));
    }

    @Test
    void matmulTransposedAndStridedOperands() {
        check("A^T B", in -> in[0].transpose(0, 1).matmul(in[1]), uniform(62, -1, 1, 4, 3), uniform(63, -1, 1, 4, 5));
        check("A B^T", in -> in[0].matmul(in[1].transpose(0, 1)), uniform(64, -1, 1, 3, 4), uniform(65, -1, 1, 5, 4));
        check("A^T B^T", in -> in[0].transpose(0, 1).matmul(in[1].transpose(1, 0)),
                uniform(66, -1, 1, 4, 3), uniform(67, -1, 1, 5, 4));
        check("narrowed columns (row stride > cols)", in -> in[0].narrow(1, 1, 4).matmul(in[1]),
                uniform(68, -1, 1, 3, 6), uniform(69, -1, 1, 4, 2));
        check("narrowed rows of a transpose", in -> in[0].matmul(in[1].transpose(0, 1).narrow(1, 2, 3)),
                uniform(70, -1, 1, 2, 4), uniform(71, -1, 1, 6, 4));
        check("selected slice of 3-D", in -> in[0].select(1, 1).matmul(in[1]),
                uniform(72, -1, 1, 3, 2, 4), uniform(73, -1, 1, 4, 3));
        check("3-D transposed . 2-D", in -> in[0].transpose(1, 2).matmul(in[1]),
                uniform(74, -1, 1, 2, 4, 3), uniform(75, -1, 1, 4, 2));
        check("2-D . transposed 1-D source", in -> in[0].matmul(in[1].select(1, 0)),
                uniform(76, -1, 1, 3, 4), uniform(77, -1, 1, 4, 2));
        check("same tensor both sides", in -> in[0].matmul(in[0].transpose(0, 1)), uniform(78, -1, 1, 3, 4));
        check("batch-first view of time-major rows . 2-D", in -> in[0].transpose(0, 1).matmul(in[1]),
                uniform(79, -1, 1, 3, 2, 4), uniform(59, -1, 1, 4, 5));
    }

    /**
     * A batch-first view of time-major rows (a batch_first RNN's output) is multiplied where its
     * rows lie: the product has the view's shape and the very values of multiplying a copy.
     */
    @Test
    void aBatchFirstViewMultipliesLikeItsCopy() {
        Tensor timeMajor = uniform(57, -1, 1, 7, 5, 16); // [T, B, K]
        Tensor w = uniform(58, -1, 1, 16, 9);
        Tensor view = timeMajor.transpose(0, 1);          // [B, T, K]
        Tensor got = view.matmul(w);
        Tensor want = view.contiguous().matmul(w);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {5, 7, 9}, got.shape());
        org.junit.jupiter.api.Assertions.assertArrayEquals(want.toFloatArray(), got.toFloatArray(), 0f);
    }

    // ------------------------------------------------------------ views and shape ops

    @Test
    void shapeOps() {
        check("reshape", in -> in[0].reshape(3, 4), uniform(80, -1, 1, 2, 6));
        check("reshape -1", in -> in[0].reshape(-1), uniform(81, -1, 1, 2, 3, 2));
        check("reshape of transpose", in -> in[0].transpose(0, 1).reshape(6), uniform(82, -1, 1, 2, 3));
        check("view", in -> in[0].view(2, 2, 3), uniform(83, -1, 1, 4, 3));
        check("transpose", in -> in[0].transpose(0, 2), uniform(84, -1, 1, 2, 3, 4));
        check("transpose negative dims", in -> in[0].transpose(-1, -2), uniform(85, -1, 1, 2, 3, 4));
        for (int d : new int[] {0, 1, 2, -1}) {
            check("unsqueeze(" + d + ")", in -> in[0].unsqueeze(d), uniform(86, -1, 1, 2, 3));
        }
        check("squeeze size-1", in -> in[0].squeeze(1), uniform(87, -1, 1, 2, 1, 3));
        check("squeeze non-1 (identity)", in -> in[0].squeeze(0), uniform(88, -1, 1, 2, 3));
        check("select", in -> in[0].select(1, 2), uniform(89, -1, 1, 2, 3, 4));
        check("select negative index", in -> in[0].select(0, -1), uniform(90, -1, 1, 3, 2));
        check("narrow", in -> in[0].narrow(2, 1, 2), uniform(91, -1, 1, 2, 3, 4));
        check("narrow of transpose", in -> in[0].transpose(0, 1).narrow(0, 1, 2), uniform(92, -1, 1, 2, 3));
        check("contiguous of transpose", in -> in[0].transpose(0, 1).contiguous(), uniform(93, -1, 1, 2, 3));
        check("contiguous (already)", in -> in[0].contiguous(), uniform(94, -1, 1, 2, 3));
        check("copy", in -> in[0].copy(), uniform(95, -1, 1, 2, 3));
        check("copy of narrow", in -> in[0].narrow(1, 1, 2).copy(), uniform(96, -1, 1, 2, 3));
    }

    @Test
    void catAndStack() {
        check("cat dim 0", in -> Tensor.cat(List.of(in[0], in[1], in[2]), 0),
                uniform(100, -1, 1, 1, 3), uniform(101, -1, 1, 2, 3), uniform(102, -1, 1, 3, 3));
        check("cat dim 1", in -> Tensor.cat(List.of(in[0], in[1]), 1), uniform(103, -1, 1, 2, 1), uniform(104, -1, 1, 2, 4));
        check("cat dim -1 of 3-D", in -> Tensor.cat(List.of(in[0], in[1]), -1),
                uniform(105, -1, 1, 2, 2, 1), uniform(106, -1, 1, 2, 2, 3));
        check("cat same tensor twice", in -> Tensor.cat(List.of(in[0], in[0]), 0), uniform(107, -1, 1, 2, 3));
        check("cat of transposed", in -> Tensor.cat(List.of(in[0].transpose(0, 1), in[1]), 0),
                uniform(108, -1, 1, 3, 2), uniform(109, -1, 1, 1, 3));
        for (int d : new int[] {0, 1, 2, -1}) {
            check("stack(" + d + ")", in -> Tensor.stack(List.of(in[0], in[1], in[2]), d),
                    uniform(110, -1, 1, 2, 3), uniform(111, -1, 1, 2, 3), uniform(112, -1, 1, 2, 3));
        }
    }

    @Test
    void expandToAndSumTo() {
        check("expandTo [3] -> [2, 3]", in -> in[0].expandTo(new int[] {2, 3}), uniform(120, -1, 1, 3));
        check("expandTo [2, 1] -> [2, 4]", in -> in[0].expandTo(new int[] {2, 4}), uniform(121, -1, 1, 2, 1));
        check("expandTo [] -> [2, 2]", in -> in[0].expandTo(new int[] {2, 2}), uniform(122, -1, 1));
        check("expandTo of transpose", in -> in[0].transpose(0, 1).expandTo(new int[] {4, 3, 2}),
                uniform(123, -1, 1, 2, 3));
        check("sumTo [2, 3] -> [3]", in -> in[0].sumTo(new int[] {3}), uniform(124, -1, 1, 2, 3));
        check("sumTo [2, 3] -> [2, 1]", in -> in[0].sumTo(new int[] {2, 1}), uniform(125, -1, 1, 2, 3));
        check("sumTo [4, 2, 3] -> [1, 3]", in -> in[0].sumTo(new int[] {1, 3}), uniform(126, -1, 1, 4, 2, 3));
        check("sumTo [2, 3] -> []", in -> in[0].sumTo(new int[] {}), uniform(127, -1, 1, 2, 3));
        check("sumTo of transpose", in -> in[0].transpose(0, 1).sumTo(new int[] {1, 2}), uniform(128, -1, 1, 2, 3));
    }

    @Test
    void compositeExpression() {
        // a small MLP-like expression mixing most ops, through several consumers of each tensor
        check("composite", in -> {
            Tensor h = in[0].matmul(in[1]).add(in[2]).tanh();
            Tensor g = h.sigmoid().mul(h.transpose(0, 1).sum(1, false).unsqueeze(0));
            return g.sub(h.square().mean()).div(in[2].exp().add(1f)).reshape(-1);
        }, uniform(130, -1, 1, 3, 4), uniform(131, -1, 1, 4, 3), uniform(132, -1, 1, 3));
    }
}
