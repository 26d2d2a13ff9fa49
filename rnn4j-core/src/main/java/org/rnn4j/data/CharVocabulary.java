package org.rnn4j.data;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import org.rnn4j.internal.TensorAccess;
import org.rnn4j.tensor.DType;
import org.rnn4j.tensor.Tensor;

/**
 * The characters of a text as indices, for character-level language models: the sorted distinct
 * Unicode code points of the text, character i of the vocabulary having index i (as
 * {@code sorted(set(text))} in min-char-rnn). A character outside a code point's UTF-16 pair is
 * one code point; an unpaired surrogate is a code point of its own. Immutable.
 */
public final class CharVocabulary {
    private static final int LISTED = 20; // unknown characters named in a message, at most

    private final int[] codePoints; // strictly increasing

    private CharVocabulary(int[] codePoints) {
        this.codePoints = codePoints;
    }

    /** The vocabulary of {@code text}: its distinct code points, sorted. */
    public static CharVocabulary of(String text) {
        if (text == null) throw new IllegalArgumentException("CharVocabulary.of: text must not be null");
        return new CharVocabulary(text.codePoints().sorted().distinct().toArray());
    }

    /**
     * The vocabulary with exactly these code points, index i for {@code codePoints[i]} (to rebuild
     * a saved one).
     *
     * @throws IllegalArgumentException unless they are valid code points in strictly increasing order
     */
    public static CharVocabulary ofCodePoints(int[] codePoints) {
        if (codePoints == null) throw new IllegalArgumentException("CharVocabulary.ofCodePoints: codePoints must not be null");
        for (int i = 0; i < codePoints.length; i++) {
            if (!Character.isValidCodePoint(codePoints[i])) {
                throw new IllegalArgumentException("CharVocabulary.ofCodePoints: codePoints[" + i + "] = "
                        + codePoints[i] + " is not a Unicode code point (0 to 0x10FFFF)");
            }
            if (i > 0 && codePoints[i] <= codePoints[i - 1]) {
                throw new IllegalArgumentException("CharVocabulary.ofCodePoints: code points must be strictly increasing, "
                        + "got " + codePoints[i - 1] + " then " + codePoints[i] + " at index " + i);
            }
        }
        return new CharVocabulary(codePoints.clone());
    }

    /** The number of characters. */
    public int size() {
        return codePoints.length;
    }

    /** The code points, index order. */
    public int[] codePoints() {
        return codePoints.clone();
    }

    /** The index of {@code codePoint}, or -1 if it is not in the vocabulary. */
    public int indexOf(int codePoint) {
        int i = Arrays.binarySearch(codePoints, codePoint);
        return i >= 0 ? i : -1;
    }

    /** The code point of index {@code index}. */
    public int codePointAt(int index) {
        if (index < 0 || index >= codePoints.length) {
            throw new IllegalArgumentException("index " + index + " is out of range for a vocabulary of size "
                    + codePoints.length);
        }
        return codePoints[index];
    }

    /**
     * The indices of the characters of {@code text}, in order.
     *
     * @throws IllegalArgumentException listing the characters that are not in the vocabulary
     */
    public long[] encodeToArray(String text) {
        if (text == null) throw new IllegalArgumentException("CharVocabulary.encode: text must not be null");
        int[] cps = text.codePoints().toArray();
        long[] out = new long[cps.length];
        Set<Integer> unknown = null;
        for (int i = 0; i < cps.length; i++) {
            int k = Arrays.binarySearch(codePoints, cps[i]);
            if (k < 0) {
                if (unknown == null) unknown = new LinkedHashSet<>();
                unknown.add(cps[i]);
            }
            out[i] = k;
        }
        if (unknown != null) throw unknown(unknown);
        return out;
    }

    /** {@link #encodeToArray} as an INT64 tensor [n]. */
    public Tensor encode(String text) {
        long[] ids = encodeToArray(text);
        return TensorAccess.wrapLongs(ids, ids.length);
    }

    /**
     * The text whose characters have these indices.
     *
     * @throws IllegalArgumentException naming the first index outside [0, size())
     */
    public String decode(long[] indices) {
        if (indices == null) throw new IllegalArgumentException("CharVocabulary.decode: indices must not be null");
        StringBuilder sb = new StringBuilder(indices.length);
        for (int i = 0; i < indices.length; i++) {
            long k = indices[i];
            if (k < 0 || k >= codePoints.length) {
                throw new IllegalArgumentException("CharVocabulary.decode: index " + k + " at position " + i
                        + " is out of range for a vocabulary of size " + codePoints.length);
            }
            sb.appendCodePoint(codePoints[(int) k]);
        }
        return sb.toString();
    }

    /** {@link #decode(long[])} of an INT64 tensor's elements in row-major order. */
    public String decode(Tensor indices) {
        if (indices == null) throw new IllegalArgumentException("CharVocabulary.decode: indices must not be null");
        if (indices.dtype() != DType.INT64) {
            throw new IllegalArgumentException("CharVocabulary.decode: expected an INT64 tensor, but got "
                    + indices.dtype());
        }
        return decode(indices.toLongArray());
    }

    private IllegalArgumentException unknown(Set<Integer> unknown) {
        StringBuilder sb = new StringBuilder("CharVocabulary: ").append(unknown.size())
                .append(unknown.size() == 1 ? " character is" : " characters are")
                .append(" not in the vocabulary of ").append(codePoints.length).append(": ");
        int n = 0;
        for (int cp : unknown) {
            if (n == LISTED) {
                sb.append(", and ").append(unknown.size() - LISTED).append(" more");
                break;
            }
            sb.append(n++ == 0 ? "" : ", ").append(describe(cp));
        }
        return new IllegalArgumentException(sb.toString());
    }

    /** {@code 'é' (U+00E9)}; control, space and unpaired surrogate characters by number only. */
    static String describe(int cp) {
        String code = String.format("U+%04X", cp);
        boolean printable = !Character.isISOControl(cp) && !Character.isWhitespace(cp) && !Character.isSpaceChar(cp)
                && Character.getType(cp) != Character.SURROGATE && Character.isDefined(cp);
        return printable ? "'" + new String(Character.toChars(cp)) + "' (" + code + ")" : code;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CharVocabulary v && Arrays.equals(v.codePoints, codePoints);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(codePoints);
    }

    @Override
    public String toString() {
        return "CharVocabulary(size=" + codePoints.length + ")";
    }
}
