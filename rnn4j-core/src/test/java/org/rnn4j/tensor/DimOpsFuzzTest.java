package org.rnn4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Random;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Property tests of the ops along a dimension over random shapes (rank 0 to 4, sizes 0 to 4,
 * so empty tensors too), every dim from -rank-1 to rank and random keepDim, with values that
 * include ties, -inf, +inf and NaN: each result must equal a plain reference that walks
 * multi-indices in double ({@link #lanes}), or the call must throw a clean exception:
 * IllegalArgumentException for bad indices, sizes and dtypes, and IndexOutOfBoundsException
 * ("Dimension out of range", PyTorch's IndexError, as every other Tensor op) exactly when the
 * dim is out of range. Anything else fails the property.
 */
class DimOpsFuzzTest {
    /** A random tensor shape, a dim (possibly out of range by one) and the seed of the values. */
    record Case(int[] shape, int dim, boolean keep, long seed) {
        boolean dimValid() {
            int r = shape.length;
            return r == 0 ? dim == 0 || dim == -1 : dim >= -r && dim < r;
        }

        int d() {
            return shape.length == 0 ? 0 : (dim + shape.length) % shape.length;
        }

        /** Values in [-4, 4) rounded to halves (ties), with a few infinities and NaNs. */
        Tensor values() {
            Random r = new Random(seed);
            float[] v = new float[Shapes.numel(shape)];
            boolean specials = r.nextInt(3) == 0;
            for (int i = 0; i < v.length; i++) {
                int k = r.nextInt(40);
                v[i] = specials && k == 0 ? Float.NEGATIVE_INFINITY : specials && k == 1 ? Float.POSITIVE_INFINITY
                        : specials && k == 2 ? Float.NaN : (float) Math.round(r.nextGaussian() * 4) / 2f;
            }
            return Tensor.of(v, shape);
        }

        @Override
        public String toString() {
            return Arrays.toString(shape) + " dim " + dim + " keep " + keep + " seed " + seed;
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<int[]> shapes = Arbitraries.integers().between(0, 4).array(int[].class).ofMinSize(0).ofMaxSize(4);
        return Combinators.combine(shapes, Arbitraries.integers().between(-5, 4), Arbitraries.of(false, true),
                Arbitraries.longs()).as((s, d, k, seed) -> new Case(s, Math.max(-s.length - 1, Math.min(d, s.length)),
                        k, seed));
    }

    @Property(tries = 600)
    void softmaxFamilyMatchesTheReference(@ForAll("cases") Case c) {
        Tensor x = c.values();
        expect(c, () -> x.softmax(c.dim()), () -> reference(c, x, "softmax"));
        expect(c, () -> x.logSoftmax(c.dim()), () -> reference(c, x, "logSoftmax"));
        expect(c, () -> x.logsumexp(c.dim(), c.keep()), () -> reference(c, x, "logsumexp"));
    }

    @Property(tries = 600)
    void reductionsMatchTheReference(@ForAll("cases") Case c) {
        Tensor x = c.values();
        expect(c, () -> x.mean(c.dim(), c.keep()), () -> reference(c, x, "mean"));
        boolean empty = c.dimValid() && c.shape().length > 0 && c.shape()[c.d()] == 0;
        if (empty) { // PyTorch has no max of nothing: "Expected reduction dim 1 to have non-zero size"
            assertThrows(IllegalArgumentException.class, () -> x.amax(c.dim(), c.keep()), c.toString());
            assertThrows(IllegalArgumentException.class, () -> x.argmax(c.dim(), c.keep()), c.toString());
            return;
        }
        expect(c, () -> x.amax(c.dim(), c.keep()), () -> reference(c, x, "amax"));
        expect(c, () -> x.argmax(c.dim(), c.keep()).toFloat(), () -> reference(c, x, "argmax"));
    }

    /** The gradient of amax: each lane's upstream gradient split evenly among its ties (all NaN if the max is). */
    @Property(tries = 300)
    void amaxGradientIsSplitAmongTies(@ForAll("cases") Case c) {
        if (!c.dimValid() || c.shape().length > 0 && c.shape()[c.d()] == 0) return;
        Tensor x = c.values().requiresGrad(true);
        Tensor y = x.amax(c.dim(), c.keep());
        y.backward(Tensor.ones(y.shape()));
        float[] v = x.detach().toFloatArray();
        float[] g = x.grad().toFloatArray();
        for (int[] lane : lanes(c.shape(), c.d())) {
            float m = Float.NEGATIVE_INFINITY;
            boolean nan = false;
            for (int p : lane) {
                nan |= Float.isNaN(v[p]);
                m = Math.max(m, v[p]);
            }
            int ties = 0;
            for (int p : lane) if (v[p] == m) ties++;
            for (int p : lane) {
                float want = nan ? Float.NaN : v[p] == m ? 1f / ties : 0f;
                assertEquals(want, g[p], 0f, c + ": gradient at " + p);
            }
        }
    }

    @Property(tries = 600)
    void gatherAndIndexSelectPickOrFailCleanly(@ForAll("cases") Case c) {
        Tensor x = c.values();
        Random r = new Random(c.seed() ^ 0x5DEECE66DL);
        int rank = Math.max(1, c.shape().length);
        int[] self = c.shape().length == 0 ? new int[] {1} : c.shape();
        int size = c.dimValid() ? self[c.d()] : 1;
        // index shape: at most the input's size apart from dim (sometimes one more: a clean error)
        int[] ishape = new int[c.shape().length == 0 && r.nextBoolean() ? 0 : rank];
        for (int i = 0; i < ishape.length; i++) ishape[i] = r.nextInt(self[i] + (r.nextInt(8) == 0 ? 2 : 1) + 1);
        long[] iv = new long[Shapes.numel(ishape)];
        for (int i = 0; i < iv.length; i++) iv[i] = r.nextInt(size + 2) - (r.nextInt(8) == 0 ? 1 : 0);
        Tensor index = Tensor.ofLongs(iv, ishape);
        expect(c, () -> x.gather(c.dim(), index), () -> gatherReference(c, x, index));
        long[] sv = new long[r.nextInt(5)];
        for (int i = 0; i < sv.length; i++) sv[i] = r.nextInt(size + 1) - (r.nextInt(8) == 0 ? 1 : 0);
        Tensor sel = Tensor.ofLongs(sv, sv.length);
        expect(c, () -> x.indexSelect(c.dim(), sel), () -> indexSelectReference(c, x, sv));
        assertThrows(IllegalArgumentException.class, () -> x.gather(0, index.toFloat()), "float index");
        assertThrows(IllegalArgumentException.class, () -> x.indexSelect(0, sel.toFloat()), "float index");
    }

    /** clamp against min(max(x, lo), hi) with float bounds; pow against Math.pow except where PyTorch special-cases. */
    @Property(tries = 400)
    void clampAndPowMatchTheReference(@ForAll("cases") Case c) {
        Random r = new Random(c.seed());
        double[] bounds = {-1, -0.5, 0, 0.5, 1, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};
        double lo = bounds[r.nextInt(bounds.length)];
        double hi = bounds[r.nextInt(bounds.length)];
        double e = new double[] {0, 0.5, 1, 1.5, 2, 3, -0.5, -1, -2, 2.5, 4, -3}[r.nextInt(12)];
        Tensor x = c.values();
        float[] v = x.toFloatArray();
        float[] clamped = x.clamp(lo, hi).toFloatArray();
        float[] powered = x.pow(e).toFloatArray();
        for (int i = 0; i < v.length; i++) {
            float want = Math.min(Math.max(v[i], (float) lo), (float) hi);
            assertEquals(want, clamped[i], 0f, c + ": clamp(" + lo + ", " + hi + ") of " + v[i]);
            boolean viaSqrt = Math.abs(e) == 0.5; // PyTorch's sqrt and 1/sqrt: NaN at -inf, ±inf at -0
            if (Float.floatToIntBits(v[i]) == Float.floatToIntBits(-0f) || viaSqrt && v[i] == Float.NEGATIVE_INFINITY) {
                continue;
            }
            float p = (float) Math.pow(v[i], e);
            boolean ok = Float.isNaN(p) ? Float.isNaN(powered[i]) : Float.isInfinite(p) ? powered[i] == p
                    : Math.abs(powered[i] - p) <= 1e-6 * Math.abs(p);
            assertTrue(ok, c + ": pow(" + v[i] + ", " + e + ") = " + powered[i] + ", expected " + p);
        }
    }

    // ------------------------------------------------------------ the oracle side

    /** Runs the op; it must throw IndexOutOfBounds iff the dim is out of range, else match the reference or both throw IAE. */
    private static void expect(Case c, Supplier<Tensor> op, Supplier<Tensor> ref) {
        Tensor got;
        try {
            got = op.get();
        } catch (IndexOutOfBoundsException e) {
            assertTrue(!c.dimValid() && e.getMessage().startsWith("Dimension out of range"), c + ": " + e);
            return;
        } catch (IllegalArgumentException e) {
            assertTrue(c.dimValid(), c + ": " + e);
            assertThrows(IllegalArgumentException.class, ref::get, c + ": rnn4j threw " + e.getMessage());
            return;
        } catch (RuntimeException | Error e) {
            throw new AssertionError(c + ": unexpected " + e, e);
        }
        if (!c.dimValid()) fail(c + ": a dim out of range was accepted");
        Tensor want = ref.get();
        assertArrayEquals(want.shape(), got.shape(), c + ": shape");
        float[] a = got.toFloatArray();
        float[] e = want.toFloatArray();
        for (int i = 0; i < e.length; i++) {
            boolean ok = Float.isNaN(e[i]) ? Float.isNaN(a[i]) : Float.isInfinite(e[i]) ? a[i] == e[i]
                    : Math.abs(a[i] - e[i]) <= 1e-6 + 1e-5 * Math.abs(e[i]);
            assertTrue(ok, c + ": element " + i + " expected " + e[i] + ", got " + a[i]);
        }
    }

    /** Row-major input positions of each lane along d, lanes in row-major order of the reduced shape. */
    static int[][] lanes(int[] shape, int d) {
        if (shape.length == 0) return new int[][] {{0}};
        int[] strides = Shapes.contiguousStrides(shape);
        int[] reduced = shape.clone();
        reduced[d] = 1;
        int n = Shapes.numel(reduced);
        int[][] out = new int[n][shape[d]];
        int[] idx = new int[shape.length];
        for (int l = 0; l < n; l++) {
            int base = 0;
            for (int i = 0; i < shape.length; i++) base += idx[i] * strides[i];
            for (int k = 0; k < shape[d]; k++) out[l][k] = base + k * strides[d];
            for (int i = shape.length - 1; i >= 0; i--) {
                if (++idx[i] < reduced[i]) break;
                idx[i] = 0;
            }
        }
        return out;
    }

    private static Tensor reference(Case c, Tensor x, String op) {
        if (!c.dimValid()) throw new IndexOutOfBoundsException("dim");
        float[] v = x.toFloatArray();
        int[][] lanes = lanes(c.shape(), c.d());
        boolean perElement = op.equals("softmax") || op.equals("logSoftmax");
        float[] out = new float[perElement ? v.length : lanes.length];
        for (int l = 0; l < lanes.length; l++) {
            double m = Double.NEGATIVE_INFINITY;
            for (int p : lanes[l]) m = Math.max(m, v[p]); // NaN-propagating, as amax
            double shift = Double.isInfinite(m) ? 0 : m;
            double sum = 0;
            double exps = 0;
            int arg = -1;
            for (int k = 0; k < lanes[l].length; k++) {
                float e = v[lanes[l][k]];
                sum += e;
                exps += Math.exp(e - (op.equals("logsumexp") ? shift : m));
                if (arg < 0 && (Float.isNaN(e) || e == m)) arg = k;
            }
            switch (op) {
                case "softmax": for (int p : lanes[l]) out[p] = (float) (Math.exp(v[p] - m) / exps); break;
                case "logSoftmax": for (int p : lanes[l]) out[p] = (float) (v[p] - m - Math.log(exps)); break;
                case "logsumexp": out[l] = (float) (shift + Math.log(exps)); break;
                case "mean": out[l] = (float) (sum / lanes[l].length); break;
                case "amax": out[l] = (float) m; break;
                default: out[l] = arg; break;
            }
        }
        int[] shape = perElement ? c.shape() : reducedShape(c);
        return Tensor.of(out, shape);
    }

    private static int[] reducedShape(Case c) {
        int[] s = c.shape();
        if (s.length == 0) return s;
        if (c.keep()) {
            int[] k = s.clone();
            k[c.d()] = 1;
            return k;
        }
        int[] out = new int[s.length - 1];
        for (int i = 0, j = 0; i < s.length; i++) if (i != c.d()) out[j++] = s[i];
        return out;
    }

    /** out[.., j, ..] = x[.., index[j], ..] along d, walking the output's multi-indices. */
    private static Tensor indexSelectReference(Case c, Tensor x, long[] index) {
        if (!c.dimValid()) throw new IndexOutOfBoundsException("dim");
        int[] self = c.shape().length == 0 ? new int[] {1} : c.shape();
        for (long v : index) if (v < 0 || v >= self[c.d()]) throw new IllegalArgumentException("index");
        if (c.shape().length == 0) {
            if (index.length != 1) throw new IllegalArgumentException("a 0-dim input takes one index");
            return x;
        }
        int[] shape = self.clone();
        shape[c.d()] = index.length;
        int[] strides = Shapes.contiguousStrides(self);
        float[] v = x.toFloatArray();
        float[] out = new float[Shapes.numel(shape)];
        int[] at = new int[shape.length];
        for (int p = 0; p < out.length; p++) {
            int pos = 0;
            for (int i = 0; i < shape.length; i++) pos += (i == c.d() ? (int) index[at[i]] : at[i]) * strides[i];
            out[p] = v[pos];
            for (int i = shape.length - 1; i >= 0; i--) {
                if (++at[i] < shape[i]) break;
                at[i] = 0;
            }
        }
        return Tensor.of(out, shape);
    }

    /** out[i] = x[i with coordinate d replaced by index[i]], by PyTorch's rules (0-dim as size 1). */
    private static Tensor gatherReference(Case c, Tensor x, Tensor index) {
        if (!c.dimValid()) throw new IndexOutOfBoundsException("dim");
        int[] self = c.shape().length == 0 ? new int[] {1} : c.shape();
        int[] is = index.dim() == 0 ? new int[] {1} : index.shape();
        if (is.length != self.length) throw new IllegalArgumentException("rank");
        long[] iv = index.toLongArray();
        if (iv.length == 0) return Tensor.zeros(index.shape());
        for (int i = 0; i < is.length; i++) if (i != c.d() && is[i] > self[i]) throw new IllegalArgumentException("size");
        float[] v = x.toFloatArray();
        int[] strides = Shapes.contiguousStrides(self);
        float[] out = new float[iv.length];
        int[] at = new int[is.length];
        for (int p = 0; p < iv.length; p++) {
            if (iv[p] < 0 || iv[p] >= self[c.d()]) throw new IllegalArgumentException("index");
            int pos = 0;
            for (int i = 0; i < is.length; i++) pos += (i == c.d() ? (int) iv[p] : at[i]) * strides[i];
            out[p] = v[pos];
            for (int i = is.length - 1; i >= 0; i--) {
                if (++at[i] < is[i]) break;
                at[i] = 0;
            }
        }
        return Tensor.of(out, index.shape());
    }
}
