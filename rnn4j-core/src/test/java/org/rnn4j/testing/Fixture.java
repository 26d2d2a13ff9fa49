package org.rnn4j.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.opentest4j.AssertionFailedError;
import org.rnn4j.io.SafeTensors;
import org.rnn4j.tensor.DType;
import org.rnn4j.tensor.Tensor;

/**
 * One PyTorch parity case written by {@code tools/make_fixtures.py} (see its docstring for the
 * file layout): metadata describing the module and options, parameters, inputs, outputs,
 * upstream seeds and gradients, all float32.
 *
 * <p>{@link #tensor} and {@link #params} return fresh copies, so a test may set
 * {@code requiresGrad} or accumulate gradients without affecting another.
 */
public final class Fixture {
    private final Path path;
    private final String name;
    private final Map<String, String> meta;
    private final Map<String, Tensor> tensors;

    private Fixture(Path path, Map<String, String> meta, Map<String, Tensor> tensors) {
        this.path = path;
        String file = path.getFileName().toString();
        this.name = meta.getOrDefault("case", file.replace(".safetensors", ""));
        this.meta = meta;
        this.tensors = tensors;
    }

    /** Loads one case file. */
    public static Fixture load(Path path) {
        try {
            return new Fixture(path, SafeTensors.metadata(path), SafeTensors.load(path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load fixture " + path, e);
        }
    }

    /** The folder {@code fixtures} on the test class path. */
    public static Path root() {
        URL url = Fixture.class.getResource("/fixtures");
        if (url == null) throw new IllegalStateException("no fixtures folder on the test class path");
        try {
            return Paths.get(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The case files of {@code module} (a folder name such as {@code LSTM} or {@code optim}), sorted. */
    public static List<Path> all(String module) {
        Path dir = root().resolve(module);
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".safetensors")).sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String name() {
        return name;
    }

    public Path path() {
        return path;
    }

    /** The metadata value; fails naming the case when the key is absent. */
    public String meta(String key) {
        String v = meta.get(key);
        if (v == null) {
            throw new AssertionFailedError(name + ": fixture has no metadata key '" + key + "' (has " + meta.keySet() + ")");
        }
        return v;
    }

    public Map<String, String> metadata() {
        return Collections.unmodifiableMap(meta);
    }

    /** A boolean metadata value, strictly "true" or "false". */
    public boolean flag(String key) {
        String v = meta(key);
        if (v.equals("true")) return true;
        if (v.equals("false")) return false;
        throw new AssertionFailedError(name + ": metadata '" + key + "' = '" + v + "' is not true/false");
    }

    public int integer(String key) {
        String v = meta(key);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new AssertionFailedError(name + ": metadata '" + key + "' = '" + v + "' is not an integer");
        }
    }

    public double number(String key) {
        String v = meta(key);
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new AssertionFailedError(name + ": metadata '" + key + "' = '" + v + "' is not a number");
        }
    }

    public boolean has(String tensorName) {
        return tensors.containsKey(tensorName);
    }

    /** A fresh copy of the named tensor (FLOAT32 or INT64); fails naming the case when absent. */
    public Tensor tensor(String tensorName) {
        Tensor t = tensors.get(tensorName);
        if (t == null) {
            throw new AssertionFailedError(name + ": fixture has no tensor '" + tensorName + "' (has " + tensors.keySet() + ")");
        }
        if (t.dtype() == DType.INT64) return Tensor.ofLongs(t.toLongArray(), t.shape());
        return Tensor.of(t.toFloatArray(), t.shape());
    }

    /** The values of an INT64 tensor (batch sizes, indices); fails naming the case when absent. */
    public long[] longs(String tensorName) {
        Tensor t = tensors.get(tensorName);
        if (t == null) {
            throw new AssertionFailedError(name + ": fixture has no tensor '" + tensorName + "' (has " + tensors.keySet() + ")");
        }
        return t.toLongArray();
    }

    /** The tensor names in file order. */
    public List<String> names() {
        return new ArrayList<>(tensors.keySet());
    }

    /** The {@code param.*} tensors with the prefix stripped, in file order (PyTorch's). */
    public Map<String, Tensor> params() {
        return withPrefix("param.");
    }

    /** Fresh copies of the tensors whose name starts with {@code prefix}, prefix stripped, in order. */
    public Map<String, Tensor> withPrefix(String prefix) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (String k : tensors.keySet()) {
            if (k.startsWith(prefix)) out.put(k.substring(prefix.length()), tensor(k));
        }
        return out;
    }

    /** {@link #assertClose(String, String, Tensor, Tensor, double, double)} for this case. */
    public void assertClose(String what, Tensor expected, Tensor actual, double rtol, double atol) {
        assertClose(name, what, expected, actual, rtol, atol);
    }

    /**
     * Asserts {@code |actual - expected| <= atol + rtol * |expected|} element-wise (PyTorch's
     * {@code allclose}; NaN matches NaN), and equal shapes. On failure the message names the
     * case, the quantity, the worst element (index, both values, error, tolerance), the
     * largest absolute error and how many elements are out of tolerance.
     */
    public static void assertClose(String caseName, String what, Tensor expected, Tensor actual, double rtol,
            double atol) {
        if (actual == null) throw new AssertionFailedError(caseName + ": " + what + " is null");
        if (!Arrays.equals(expected.shape(), actual.shape())) {
            throw new AssertionFailedError(caseName + ": " + what + " has shape " + Arrays.toString(actual.shape())
                    + ", expected " + Arrays.toString(expected.shape()));
        }
        float[] e = expected.toFloatArray();
        float[] a = actual.toFloatArray();
        int bad = 0;
        int worst = -1;
        double worstExcess = 0;
        double maxAbs = 0;
        int maxAt = -1;
        for (int i = 0; i < e.length; i++) {
            if (Float.isNaN(e[i]) && Float.isNaN(a[i])) continue;
            double diff = Math.abs((double) a[i] - e[i]);
            if (Double.isNaN(diff)) diff = Double.POSITIVE_INFINITY;
            if (diff > maxAbs || maxAt < 0) {
                maxAbs = diff;
                maxAt = i;
            }
            double tol = atol + rtol * Math.abs(e[i]);
            if (!(diff <= tol) || (Float.isInfinite(e[i]) && e[i] != a[i])) {
                bad++;
                double excess = diff / Math.max(tol, Double.MIN_NORMAL);
                if (worst < 0 || excess > worstExcess) {
                    worst = i;
                    worstExcess = excess;
                }
            }
        }
        if (bad == 0) return;
        int[] shape = expected.shape();
        double tol = atol + rtol * Math.abs(e[worst]);
        throw new AssertionFailedError(String.format(
                "%s: %s differs from PyTorch at %s: expected %s, actual %s, |error| %.3g > tolerance %.3g "
                        + "(rtol %.0e, atol %.0e); max |error| %.3g at %s; %d of %d elements out of tolerance",
                caseName, what, index(worst, shape), e[worst], a[worst], Math.abs((double) a[worst] - e[worst]), tol,
                rtol, atol, maxAbs, index(maxAt, shape), bad, e.length));
    }

    /** The multi-index of flat row-major position {@code flat}. */
    static String index(int flat, int[] shape) {
        int[] idx = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] == 0) break;
            idx[d] = flat % shape[d];
            flat /= shape[d];
        }
        return Arrays.toString(idx);
    }

    @Override
    public String toString() {
        return name;
    }
}
