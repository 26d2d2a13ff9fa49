package org.rnn4j.io;

import java.util.List;
import java.util.Map;

/**
 * Writes the values {@link Json} reads back as compact JSON: {@code Map<String, ?>} (in its
 * iteration order), {@code List<?>}, {@code long[]}, {@link String}, {@link Long},
 * {@link Integer}, {@link Double} (finite; {@link Double#toString} gives the shortest text that
 * parses back to the same double, so numbers survive the round trip bit for bit),
 * {@link Boolean} and {@link Json#NULL}.
 */
final class JsonWriter {
    private JsonWriter() {}

    /** {@code value} as JSON text. */
    static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object v) {
        if (v instanceof Map<?, ?> map) {
            sb.append('{');
            String sep = "";
            for (Map.Entry<?, ?> e : map.entrySet()) {
                quote(sb.append(sep), (String) e.getKey()).append(':');
                write(sb, e.getValue());
                sep = ",";
            }
            sb.append('}');
        } else if (v instanceof List<?> list) {
            sb.append('[');
            for (int i = 0; i < list.size(); i++) write(sb.append(i == 0 ? "" : ","), list.get(i));
            sb.append(']');
        } else if (v instanceof long[] a) {
            sb.append('[');
            for (int i = 0; i < a.length; i++) sb.append(i == 0 ? "" : ",").append(a[i]);
            sb.append(']');
        } else if (v instanceof String s) {
            quote(sb, s);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Boolean) {
            sb.append(v);
        } else if (v instanceof Double d) {
            if (!Double.isFinite(d)) throw new IllegalArgumentException("JSON has no number " + d);
            sb.append(d);
        } else if (v == Json.NULL) {
            sb.append("null");
        } else {
            throw new IllegalArgumentException("cannot write " + (v == null ? "null" : v.getClass().getName())
                    + " as JSON");
        }
    }

    /** Appends {@code s} as a JSON string literal. */
    static StringBuilder quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                default:
                    if (c < 0x20 || Character.isSurrogate(c)) {
                        // Escaping surrogates keeps unpaired ones representable; paired ones
                        // come back together through the parser's pairing of \\u escapes.
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        return sb.append('"');
    }
}
