package org.rnn4j.optim;

import java.util.Arrays;
import java.util.Map;
import org.rnn4j.internal.TensorAccess;
import org.rnn4j.tensor.Tensor;

/**
 * Reads and writes the numbers of flat optimizer and scheduler state dicts
 * ({@code Map<String, Tensor>}, float32 tensors only), exactly.
 *
 * <p>A scalar is a 0-dim tensor, a pair ({@code betas}) a {@code [2]} tensor, a boolean 1.0 or
 * 0.0. Integers (steps, epochs, counters) are exact in float32 up to 2<sup>24</sup>.
 *
 * <p>Doubles: a float32 tensor cannot hold a double such as {@code lr = 1e-3}, yet a resumed run
 * must use the very same double to stay bit-for-bit on the path of one that never stopped. So a
 * double that float32 does not represent exactly is written twice: under its name as the nearest
 * float32 (what a reader, or PyTorch's tooling, sees), and under {@code name + ".f64"} as the
 * double's 64 bits in three pieces (bits 63..42, 41..21, 20..0), each an integer below
 * 2<sup>22</sup> and therefore exact in float32 (shape: the value's shape plus {@code [3]}). Three
 * integer pieces rather than two float32 bit patterns, because a float32 NaN pattern need not
 * survive a trip through the JVM's float arithmetic and would read as nonsense. A reader takes
 * the exact double only where it still rounds to the stored float32: a value edited by hand
 * without its companion wins. Values that float32 holds exactly (0.5, 0.0, integers up to
 * 2<sup>24</sup>) get no companion. {@code tools/optim_state.py} writes the same companions
 * for a PyTorch state.
 */
public final class StateDicts {
    /** The suffix of a key holding the exact bits of the doubles under the key without it. */
    public static final String EXACT_SUFFIX = ".f64";

    private static final int[] SCALAR = {};
    private static final long PIECE = (1L << 21) - 1;

    private StateDicts() {
    }

    /** Whether {@code key} is the exact-double companion of another key. */
    public static boolean isExactCompanion(String key) {
        return key.endsWith(EXACT_SUFFIX);
    }

    // ---------------------------------------------------------------- writing

    /** Writes {@code value} as a 0-dim tensor (plus its exact companion when float32 rounds it). */
    public static void putDouble(Map<String, Tensor> out, String key, double value) {
        put(out, key, new double[] {value}, SCALAR);
    }

    /** Writes {@code values} as a {@code [k]} tensor (plus the exact companion when needed). */
    public static void putDoubles(Map<String, Tensor> out, String key, double... values) {
        put(out, key, values.clone(), new int[] {values.length});
    }

    /** Writes an integer as a 0-dim tensor (exact: a companion is added beyond 2^24). */
    public static void putLong(Map<String, Tensor> out, String key, long value) {
        putDouble(out, key, (double) value);
    }

    /** Writes a boolean as a 0-dim tensor, 1.0 or 0.0. */
    public static void putBool(Map<String, Tensor> out, String key, boolean value) {
        out.put(key, Tensor.scalar(value ? 1f : 0f));
    }

    private static void put(Map<String, Tensor> out, String key, double[] values, int[] shape) {
        float[] rounded = new float[values.length];
        boolean exact = true;
        for (int i = 0; i < values.length; i++) {
            rounded[i] = (float) values[i];
            exact &= Double.doubleToRawLongBits(rounded[i]) == Double.doubleToRawLongBits(values[i]);
        }
        out.put(key, TensorAccess.wrap(rounded, shape));
        if (exact) return;
        float[] pieces = new float[3 * values.length];
        for (int i = 0; i < values.length; i++) {
            long bits = Double.doubleToRawLongBits(values[i]);
            pieces[3 * i] = (float) (bits >>> 42);
            pieces[3 * i + 1] = (float) ((bits >>> 21) & PIECE);
            pieces[3 * i + 2] = (float) (bits & PIECE);
        }
        int[] exactShape = Arrays.copyOf(shape, shape.length + 1);
        exactShape[shape.length] = 3;
        out.put(key + EXACT_SUFFIX, TensorAccess.wrap(pieces, exactShape));
    }

    // ---------------------------------------------------------------- reading

    /**
     * The double under {@code key} (a one-element tensor of any rank, e.g. {@code []} or
     * {@code [1]}), exact when its companion is present.
     *
     * @throws IllegalArgumentException if the key is missing or holds more than one element
     */
    public static double getDouble(Map<String, Tensor> in, String key) {
        Tensor t = require(in, key);
        if (t.numel() != 1) {
            throw new IllegalArgumentException("state dict key '" + key + "': expected one element, shape [], got shape "
                    + Arrays.toString(t.shape()));
        }
        return values(in, key, t)[0];
    }

    /** {@link #getDouble(Map, String)}, or {@code fallback} when the key is absent. */
    public static double getDouble(Map<String, Tensor> in, String key, double fallback) {
        return in.containsKey(key) ? getDouble(in, key) : fallback;
    }

    /**
     * The {@code k} doubles of the {@code [k]} tensor under {@code key}.
     *
     * @throws IllegalArgumentException if the key is missing or its shape is not {@code [k]}
     */
    public static double[] getDoubles(Map<String, Tensor> in, String key, int k) {
        Tensor t = require(in, key);
        if (!Arrays.equals(t.shape(), new int[] {k})) {
            throw new IllegalArgumentException("state dict key '" + key + "': expected shape [" + k + "], got shape "
                    + Arrays.toString(t.shape()));
        }
        return values(in, key, t);
    }

    /**
     * The integer under {@code key}.
     *
     * @throws IllegalArgumentException if it is missing, not one element, or not an integer in int range
     */
    public static int getInt(Map<String, Tensor> in, String key) {
        double v = getDouble(in, key);
        if (v != Math.rint(v) || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("state dict key '" + key + "': expected an integer, got " + Py.repr(v));
        }
        return (int) v;
    }

    /** {@link #getInt(Map, String)}, or {@code fallback} when the key is absent. */
    public static int getInt(Map<String, Tensor> in, String key, int fallback) {
        return in.containsKey(key) ? getInt(in, key) : fallback;
    }

    /**
     * The boolean under {@code key}.
     *
     * @throws IllegalArgumentException if it is missing, not one element, or neither 1.0 nor 0.0
     */
    public static boolean getBool(Map<String, Tensor> in, String key) {
        double v = getDouble(in, key);
        if (v != 0 && v != 1) {
            throw new IllegalArgumentException("state dict key '" + key + "': expected a boolean, 1.0 or 0.0, got "
                    + Py.repr(v));
        }
        return v == 1;
    }

    /** {@link #getBool(Map, String)}, or {@code fallback} when the key is absent. */
    public static boolean getBool(Map<String, Tensor> in, String key, boolean fallback) {
        return in.containsKey(key) ? getBool(in, key) : fallback;
    }

    /**
     * The tensor under {@code key}, which must exist.
     *
     * @throws IllegalArgumentException naming the key if it is missing or null
     */
    public static Tensor require(Map<String, Tensor> in, String key) {
        Tensor t = in.get(key);
        if (t == null) throw new IllegalArgumentException("missing key '" + key + "' in state dict");
        return t;
    }

    private static double[] values(Map<String, Tensor> in, String key, Tensor t) {
        float[] f = t.toFloatArray();
        double[] out = new double[f.length];
        for (int i = 0; i < f.length; i++) out[i] = f[i];
        Tensor companion = in.get(key + EXACT_SUFFIX);
        if (companion == null) return out;
        int[] want = Arrays.copyOf(t.shape(), t.dim() + 1);
        want[t.dim()] = 3;
        if (!Arrays.equals(companion.shape(), want)) {
            throw new IllegalArgumentException("state dict key '" + key + EXACT_SUFFIX + "': expected shape "
                    + Arrays.toString(want) + ", got shape " + Arrays.toString(companion.shape()));
        }
        float[] p = companion.toFloatArray();
        for (int i = 0; i < f.length; i++) {
            long hi = piece(key, p[3 * i], 22);
            long mid = piece(key, p[3 * i + 1], 21);
            long lo = piece(key, p[3 * i + 2], 21);
            double exact = Double.longBitsToDouble(hi << 42 | mid << 21 | lo);
            // The companion only refines the value it belongs to: an edited value wins.
            if (Float.floatToIntBits((float) exact) == Float.floatToIntBits(f[i])) out[i] = exact;
        }
        return out;
    }

    private static long piece(String key, float v, int bits) {
        if (!(v >= 0 && v < (1L << bits) && v == Math.rint(v))) {
            throw new IllegalArgumentException("state dict key '" + key + EXACT_SUFFIX + "': expected integer pieces "
                    + "of a double's bits, got " + v);
        }
        return (long) v;
    }
}
