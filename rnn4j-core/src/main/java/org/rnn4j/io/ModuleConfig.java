package org.rnn4j.io;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The options of one module as a model file stores them (its weights aside): an immutable,
 * ordered map from PyTorch's argument names ({@code hidden_size}, {@code batch_first}) to
 * integers, finite doubles, booleans, strings or integer arrays. A {@link ModuleCodec} writes
 * one with {@link #with} and reads one back with the getters, which throw an
 * {@link IllegalArgumentException} naming the option and what was found when a value is missing
 * or of the wrong kind.
 *
 * <pre>{@code
 * ModuleConfig c = ModuleConfig.of().with("in_features", 3).with("bias", true);
 * new Linear(c.getInt("in_features"), c.getInt("out_features"), c.getBoolean("bias"));
 * }</pre>
 *
 * <p>Enums are stored as their lower-case names ({@code "tanh"}); integers as {@link Long},
 * doubles as {@link Double}, integer arrays as {@code long[]}.
 */
public final class ModuleConfig {
    private static final ModuleConfig EMPTY = new ModuleConfig(new LinkedHashMap<>());

    private final Map<String, Object> values;

    private ModuleConfig(Map<String, Object> values) {
        this.values = values;
    }

    /** No options. */
    public static ModuleConfig of() {
        return EMPTY;
    }

    /** This config with {@code key} set to an integer. */
    public ModuleConfig with(String key, long value) {
        return put(key, value);
    }

    /**
     * This config with {@code key} set to a double.
     *
     * @throws IllegalArgumentException if {@code value} is NaN or infinite (JSON has no such number)
     */
    public ModuleConfig with(String key, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("option '" + key + "' must be a finite number, got " + value);
        }
        return put(key, value);
    }

    public ModuleConfig with(String key, boolean value) {
        return put(key, value);
    }

    public ModuleConfig with(String key, String value) {
        if (value == null) throw new IllegalArgumentException("option '" + key + "' must not be null");
        return put(key, value);
    }

    /** This config with {@code key} set to the enum's lower-case name ({@code Activation.TANH}: "tanh"). */
    public ModuleConfig with(String key, Enum<?> value) {
        if (value == null) throw new IllegalArgumentException("option '" + key + "' must not be null");
        return put(key, value.name().toLowerCase(Locale.ROOT));
    }

    public ModuleConfig with(String key, int[] value) {
        if (value == null) throw new IllegalArgumentException("option '" + key + "' must not be null");
        return put(key, Arrays.stream(value).asLongStream().toArray());
    }

    private ModuleConfig put(String key, Object value) {
        if (key == null || key.isEmpty()) throw new IllegalArgumentException("option name must not be null or empty");
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.put(key, value);
        return new ModuleConfig(copy);
    }

    /** The option names, in the order they were set (or stored). */
    public Set<String> keys() {
        return Collections.unmodifiableSet(values.keySet());
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** The integer under {@code key}, which must fit an int. */
    public int getInt(String key) {
        long v = getLong(key);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("option '" + key + "' = " + v + " does not fit an int");
        }
        return (int) v;
    }

    /** {@link #getInt(String)}, or {@code fallback} when the option is absent. */
    public int getInt(String key, int fallback) {
        return has(key) ? getInt(key) : fallback;
    }

    public long getLong(String key) {
        Object v = require(key);
        if (!(v instanceof Long l)) throw wrongKind(key, "an integer", v);
        return l;
    }

    /** The number under {@code key} (an integer reads as the same double). */
    public double getDouble(String key) {
        Object v = require(key);
        if (v instanceof Double d) return d;
        if (v instanceof Long l) return l;
        throw wrongKind(key, "a number", v);
    }

    public double getDouble(String key, double fallback) {
        return has(key) ? getDouble(key) : fallback;
    }

    public boolean getBoolean(String key) {
        Object v = require(key);
        if (!(v instanceof Boolean b)) throw wrongKind(key, "a boolean", v);
        return b;
    }

    public boolean getBoolean(String key, boolean fallback) {
        return has(key) ? getBoolean(key) : fallback;
    }

    public String getString(String key) {
        Object v = require(key);
        if (!(v instanceof String s)) throw wrongKind(key, "a string", v);
        return s;
    }

    /** The constant of {@code type} whose name is the stored string, in any case. */
    public <E extends Enum<E>> E getEnum(String key, Class<E> type) {
        String name = getString(key);
        for (E e : type.getEnumConstants()) if (e.name().equalsIgnoreCase(name)) return e;
        StringBuilder known = new StringBuilder();
        for (E e : type.getEnumConstants()) known.append(known.length() == 0 ? "" : ", ").append(e.name().toLowerCase(Locale.ROOT));
        throw new IllegalArgumentException("option '" + key + "' = \"" + name + "\" is not one of " + known);
    }

    public <E extends Enum<E>> E getEnum(String key, Class<E> type, E fallback) {
        return has(key) ? getEnum(key, type) : fallback;
    }

    /** The integer array under {@code key}; each element must fit an int. */
    public int[] getInts(String key) {
        Object v = require(key);
        if (!(v instanceof long[] a)) throw wrongKind(key, "an array of integers", v);
        int[] out = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            if (a[i] < Integer.MIN_VALUE || a[i] > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("option '" + key + "'[" + i + "] = " + a[i] + " does not fit an int");
            }
            out[i] = (int) a[i];
        }
        return out;
    }

    private Object require(String key) {
        Object v = values.get(key);
        if (v == null) throw new IllegalArgumentException("missing option '" + key + "'");
        return v;
    }

    private static IllegalArgumentException wrongKind(String key, String want, Object found) {
        return new IllegalArgumentException("option '" + key + "' must be " + want + ", found " + describe(found));
    }

    private static String describe(Object v) {
        if (v instanceof String s) return "the string \"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
        if (v instanceof Boolean b) return "the boolean " + b;
        if (v instanceof long[] a) return "an array of " + a.length + " integers";
        return "the number " + v;
    }

    // ---------------------------------------------------------------- JSON

    /** The values as {@link JsonWriter} writes them. */
    Map<String, Object> toJson() {
        return Collections.unmodifiableMap(values);
    }

    /**
     * A config from a parsed JSON object: integers, finite numbers, booleans, strings and arrays
     * of integers; anything else is an IllegalArgumentException naming the option.
     */
    static ModuleConfig fromJson(Map<?, ?> json) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : json.entrySet()) {
            String key = (String) e.getKey();
            out.put(key, fromJsonValue(key, e.getValue()));
        }
        return new ModuleConfig(out);
    }

    private static Object fromJsonValue(String key, Object v) {
        if (v instanceof Long || v instanceof Boolean || v instanceof String) return v;
        if (v instanceof java.math.BigDecimal d) {
            double x = d.doubleValue();
            if (!Double.isFinite(x)) throw new IllegalArgumentException("option '" + key + "' = " + d + " is out of range");
            return x;
        }
        if (v instanceof java.util.List<?> list) {
            long[] a = new long[list.size()];
            for (int i = 0; i < a.length; i++) {
                if (!(list.get(i) instanceof Long l)) {
                    throw new IllegalArgumentException("option '" + key + "'[" + i + "] must be an integer");
                }
                a[i] = l;
            }
            return a;
        }
        String kind = v instanceof java.math.BigInteger ? "an integer too large for a long"
                : v instanceof Map ? "an object" : "null";
        throw new IllegalArgumentException("option '" + key + "' must be a number, boolean, string or array of"
                + " integers, found " + kind);
    }

    /**
     * Whether every option of {@code this} is in {@code other} with the same value (numbers
     * compared as numbers, so a stored {@code 0} matches a written {@code 0.0}).
     */
    boolean agreesWith(ModuleConfig other) {
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (!other.values.containsKey(e.getKey())) return false;
            if (!sameValue(e.getValue(), other.values.get(e.getKey()))) return false;
        }
        return true;
    }

    /** The first option of {@code this} that {@code other} lacks or holds differently, or null. */
    String firstDisagreement(ModuleConfig other) {
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (!other.values.containsKey(e.getKey())) return "unknown option '" + e.getKey() + "'";
            Object mine = e.getValue();
            Object theirs = other.values.get(e.getKey());
            if (!sameValue(mine, theirs)) {
                return "option '" + e.getKey() + "' = " + render(mine) + " was not honoured (the module has "
                        + render(theirs) + ")";
            }
        }
        return null;
    }

    private static boolean sameValue(Object a, Object b) {
        if (a instanceof long[] x && b instanceof long[] y) return Arrays.equals(x, y);
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue()) == 0
                    && (!(a instanceof Long) || !(b instanceof Long) || x.longValue() == y.longValue());
        }
        return a.equals(b);
    }

    private static String render(Object v) {
        return v instanceof long[] a ? Arrays.toString(a) : v instanceof String s ? "\"" + s + "\"" : String.valueOf(v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModuleConfig c && agreesWith(c) && c.agreesWith(this);
    }

    @Override
    public int hashCode() {
        return values.keySet().hashCode();
    }

    @Override
    public String toString() {
        return JsonWriter.write(values);
    }
}
