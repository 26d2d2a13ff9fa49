package org.rnn4j.io;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small, strict JSON (RFC 8259) parser for file headers read from untrusted sources.
 *
 * <p>Values map to Java as: object to {@code LinkedHashMap<String, Object>} (document order,
 * duplicate keys rejected), array to {@code List<Object>}, string to {@link String}, integer
 * literal to {@link Long} (or {@link BigInteger} when it does not fit), other numbers to
 * {@link BigDecimal}, {@code true}/{@code false} to {@link Boolean}, {@code null} to
 * {@link #NULL}.
 *
 * <p>Robustness: nesting depth is bounded (so recursion cannot overflow the stack), the input
 * is a String already bounded by the caller, every error is an {@link IOException} giving the
 * character offset, and nothing after the top-level value but whitespace is accepted.
 */
final class Json {
    /** Marker for a JSON {@code null} (maps cannot hold Java null unambiguously). */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** Deep enough for any sane header, shallow enough that recursion is harmless. */
    static final int MAX_DEPTH = 64;

    /** Longest number literal accepted; real headers need at most 20 digits. */
    static final int MAX_NUMBER_LENGTH = 400;

    private final String s;
    private int pos;

    private Json(String s) {
        this.s = s;
    }

    /** Parses a complete JSON document; trailing whitespace is allowed, anything else is not. */
    static Object parse(String text) throws IOException {
        Json p = new Json(text);
        p.skipWhitespace();
        Object v = p.value(0);
        p.skipWhitespace();
        if (p.pos != text.length()) throw p.error("unexpected trailing character " + p.describe(p.pos));
        return v;
    }

    /** Receives the members of a top-level object one at a time. */
    interface MemberSink {
        void member(String key, Object value) throws IOException;
    }

    /**
     * Parses a document that must be one object, handing each member to {@code sink} as soon as
     * it is parsed, so a caller that converts members into its own small objects never holds
     * the whole generic tree (a 100 MB header of tiny entries would otherwise cost gigabytes).
     * Duplicate keys are still rejected.
     */
    static void parseObject(String text, MemberSink sink) throws IOException {
        Json p = new Json(text);
        p.skipWhitespace();
        if (p.peek() != '{') throw p.error("expected a JSON object, found " + p.describe(p.pos));
        p.object(0, sink);
        p.skipWhitespace();
        if (p.pos != text.length()) throw p.error("unexpected trailing character " + p.describe(p.pos));
    }

    private Object value(int depth) throws IOException {
        if (depth >= MAX_DEPTH) throw error("nesting deeper than " + MAX_DEPTH + " levels");
        if (pos >= s.length()) throw error("unexpected end of input, expected a value");
        char c = s.charAt(pos);
        switch (c) {
            case '{': return object(depth, null);
            case '[': return array(depth);
            case '"': return string();
            case 't': literal("true"); return Boolean.TRUE;
            case 'f': literal("false"); return Boolean.FALSE;
            case 'n': literal("null"); return NULL;
            default:
                if (c == '-' || (c >= '0' && c <= '9')) return number();
                throw error("unexpected character " + describe(pos) + ", expected a value");
        }
    }

    /** Parses an object into a map, or, with a sink, streams its members (returning null). */
    private Map<String, Object> object(int depth, MemberSink sink) throws IOException {
        Map<String, Object> map = sink == null ? new LinkedHashMap<>() : null;
        Set<String> keys = sink == null ? null : new HashSet<>();
        pos++; // '{'
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return map;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') throw error("expected a string key, found " + describe(pos));
            int keyPos = pos;
            String key = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            Object v = value(depth + 1);
            if (sink == null ? map.putIfAbsent(key, v) != null : !keys.add(key)) {
                pos = keyPos;
                throw error("duplicate key \"" + key + "\"");
            }
            skipWhitespace();
            char c = peek();
            if (c != ',' && c != '}') throw error("expected ',' or '}' in object, found " + describe(pos));
            // Handed over only once the member is syntactically complete.
            if (sink != null) sink.member(key, v);
            pos++;
            if (c == '}') return map;
        }
    }

    private List<Object> array(int depth) throws IOException {
        List<Object> list = new ArrayList<>();
        pos++; // '['
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return list;
        }
        while (true) {
            skipWhitespace();
            list.add(value(depth + 1));
            skipWhitespace();
            char c = peek();
            if (c == ',') {
                pos++;
            } else if (c == ']') {
                pos++;
                return list;
            } else {
                throw error("expected ',' or ']' in array, found " + describe(pos));
            }
        }
    }

    private String string() throws IOException {
        int start = pos;
        pos++; // opening quote
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= s.length()) {
                pos = start;
                throw error("unterminated string");
            }
            char c = s.charAt(pos++);
            if (c == '"') return sb.toString();
            if (c < 0x20) throw error("unescaped control character U+" + hex4(c) + " in string");
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (pos >= s.length()) throw error("unterminated escape in string");
            char e = s.charAt(pos++);
            switch (e) {
                case '"': sb.append('"'); break;
                case '\\': sb.append('\\'); break;
                case '/': sb.append('/'); break;
                case 'b': sb.append('\b'); break;
                case 'f': sb.append('\f'); break;
                case 'n': sb.append('\n'); break;
                case 'r': sb.append('\r'); break;
                case 't': sb.append('\t'); break;
                case 'u': sb.append(unicodeEscape()); break;
                default:
                    pos--;
                    throw error("invalid escape \\" + describe(pos));
            }
        }
    }

    /** Reads XXXX (after "\\u"), pairing surrogates; lone surrogates are rejected. */
    private String unicodeEscape() throws IOException {
        char hi = hex();
        if (!Character.isSurrogate(hi)) return String.valueOf(hi);
        if (Character.isHighSurrogate(hi) && s.startsWith("\\u", pos)) {
            pos += 2;
            char lo = hex();
            if (Character.isLowSurrogate(lo)) return new String(new char[] {hi, lo});
        }
        throw error("unpaired UTF-16 surrogate in \\u escape");
    }

    private char hex() throws IOException {
        if (pos + 4 > s.length()) throw error("truncated \\u escape");
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(s.charAt(pos), 16);
            // Character.digit accepts non-ASCII digits; JSON allows only [0-9a-fA-F].
            if (d < 0 || s.charAt(pos) > 'f') throw error("invalid hex digit " + describe(pos) + " in \\u escape");
            v = v * 16 + d;
            pos++;
        }
        return (char) v;
    }

    private Object number() throws IOException {
        int start = pos;
        if (peek() == '-') pos++;
        if (peek() == '0') {
            pos++;
        } else if (isDigit(peek())) {
            while (isDigit(peek())) pos++;
        } else {
            throw error("invalid number: expected a digit, found " + describe(pos));
        }
        boolean integral = true;
        if (peek() == '.') {
            integral = false;
            pos++;
            if (!isDigit(peek())) throw error("invalid number: expected a digit after '.', found " + describe(pos));
            while (isDigit(peek())) pos++;
        }
        if (peek() == 'e' || peek() == 'E') {
            integral = false;
            pos++;
            if (peek() == '+' || peek() == '-') pos++;
            if (!isDigit(peek())) throw error("invalid number: expected an exponent digit, found " + describe(pos));
            while (isDigit(peek())) pos++;
        }
        if (pos - start > MAX_NUMBER_LENGTH) {
            // BigInteger/BigDecimal parsing is super-linear in the digit count: bound it.
            pos = start;
            throw error("number literal longer than " + MAX_NUMBER_LENGTH + " characters");
        }
        String lit = s.substring(start, pos);
        if (!integral) {
            // BigDecimal, not double: no silent rounding, and exponent overflow is an error.
            try {
                return new BigDecimal(lit);
            } catch (NumberFormatException | ArithmeticException ex) {
                pos = start;
                throw error("number out of range: " + abbreviate(lit));
            }
        }
        BigInteger big = new BigInteger(lit);
        return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }

    private void literal(String word) throws IOException {
        if (!s.startsWith(word, pos)) throw error("invalid literal, expected '" + word + "'");
        pos += word.length();
    }

    private void expect(char c) throws IOException {
        if (peek() != c) throw error("expected '" + c + "', found " + describe(pos));
        pos++;
    }

    private void skipWhitespace() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
            pos++;
        }
    }

    /** The current character, or 0 at the end of input (0 matches no grammar rule here). */
    private char peek() {
        return pos < s.length() ? s.charAt(pos) : 0;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private String describe(int at) {
        if (at >= s.length()) return "end of input";
        char c = s.charAt(at);
        return c >= 0x20 && c < 0x7f ? "'" + c + "'" : "U+" + hex4(c);
    }

    private static String hex4(char c) {
        return String.format("%04X", (int) c);
    }

    private static String abbreviate(String lit) {
        return lit.length() <= 40 ? lit : lit.substring(0, 40) + "...";
    }

    private IOException error(String message) {
        return new IOException("invalid JSON at character " + pos + ": " + message);
    }
}
