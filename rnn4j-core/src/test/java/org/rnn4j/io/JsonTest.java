package org.rnn4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void parsesEveryValueKind() throws IOException {
        Object v = Json.parse(" {\"a\":[1,-0,9223372036854775807,9223372036854775808,2.5e-3,true,false,null,\"s\"],"
                + "\"b\":{}} ");
        Map<?, ?> m = (Map<?, ?>) v;
        List<?> a = (List<?>) m.get("a");
        assertEquals(1L, a.get(0));
        assertEquals(0L, a.get(1));
        assertEquals(Long.MAX_VALUE, a.get(2));
        assertEquals(new BigInteger("9223372036854775808"), a.get(3));
        assertEquals(new BigDecimal("2.5e-3"), a.get(4));
        assertEquals(true, a.get(5));
        assertEquals(false, a.get(6));
        assertSame(Json.NULL, a.get(7));
        assertEquals("s", a.get(8));
        assertEquals(Map.of(), m.get("b"));
        assertEquals(List.of("a", "b"), new ArrayList<>(m.keySet()), "document order");
    }

    @Test
    void decodesEscapesAndSurrogatePairs() throws IOException {
        assertEquals("\"\\/\b\f\n\r\t\u00e9\uD83D\uDE00", Json.parse("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00E9\\ud83d\\ude00\""));
    }

    @Test
    void rejectsWithPositions() {
        IOException e = assertThrows(IOException.class, () -> Json.parse("[1, 2,, 3]"));
        assertTrue(e.getMessage().contains("character 6"), e.getMessage());
        for (String bad : List.of("", "[", "]", "{\"a\" 1}", "[1,]", "\"\\uD83Dx\"", "\"\\uDE00\"", "\"\\u12\"",
                "\"\\u１２３４\"", "+1", ".5", "1.e5", "NaN", "Infinity", "[01]", "\"a\"\"b\"", "tru", "nul")) {
            assertThrows(IOException.class, () -> Json.parse(bad), bad);
        }
    }

    @Test
    void boundsDepthAndNumberLength() throws IOException {
        Json.parse("[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH));
        IOException deep = assertThrows(IOException.class,
                () -> Json.parse("[".repeat(Json.MAX_DEPTH + 1) + "]".repeat(Json.MAX_DEPTH + 1)));
        assertTrue(deep.getMessage().contains("nesting"), deep.getMessage());
        assertThrows(IOException.class, () -> Json.parse("1".repeat(Json.MAX_NUMBER_LENGTH + 1)));
    }

    @Test
    void streamedObjectSeesMembersInOrderAndRejectsDuplicates() throws IOException {
        List<String> keys = new ArrayList<>();
        Json.parseObject("{\"x\":1,\"y\":[2]}", (k, v) -> keys.add(k));
        assertEquals(List.of("x", "y"), keys);
        assertThrows(IOException.class, () -> Json.parseObject("{\"x\":1,\"x\":2}", (k, v) -> { }));
        assertThrows(IOException.class, () -> Json.parseObject("[]", (k, v) -> { }));
        assertThrows(IOException.class, () -> Json.parseObject("{} {}", (k, v) -> { }));
    }
}
