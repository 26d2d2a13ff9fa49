package org.rnn4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnn4j.nn.Activation;

class ModuleConfigTest {
    private static ModuleConfig sample() {
        return ModuleConfig.of().with("n", 3).with("big", 1L << 40).with("p", 0.1).with("flag", true)
                .with("name", "x\"y").with("act", Activation.RELU).with("shape", new int[] {2, 3});
    }

    @Test
    void valuesComeBackThroughJson() throws IOException {
        ModuleConfig c = sample();
        String json = JsonWriter.write(c.toJson());
        assertEquals("{\"n\":3,\"big\":1099511627776,\"p\":0.1,\"flag\":true,\"name\":\"x\\\"y\",\"act\":\"relu\","
                + "\"shape\":[2,3]}", json);
        ModuleConfig back = ModuleConfig.fromJson((Map<?, ?>) Json.parse(json));
        assertEquals(c, back);
        assertEquals(List.copyOf(c.keys()), List.copyOf(back.keys()));
        assertEquals(3, back.getInt("n"));
        assertEquals(1L << 40, back.getLong("big"));
        assertEquals(0.1, back.getDouble("p"), 0.0);
        assertEquals(3.0, back.getDouble("n"), 0.0);
        assertEquals("x\"y", back.getString("name"));
        assertEquals(Activation.RELU, back.getEnum("act", Activation.class));
        assertArrayEquals(new int[] {2, 3}, back.getInts("shape"));
        assertEquals(7, back.getInt("missing", 7));
        assertEquals(Activation.TANH, back.getEnum("missing", Activation.class, Activation.TANH));
    }

    @Test
    void equalityComparesNumbersAsNumbers() {
        assertEquals(ModuleConfig.of().with("d", 0.0), ModuleConfig.of().with("d", 0));
        assertNotEquals(ModuleConfig.of().with("d", 0.5), ModuleConfig.of().with("d", 0));
        assertNotEquals(ModuleConfig.of().with("d", 1), ModuleConfig.of().with("e", 1));
    }

    @Test
    void wrongKindsAndMissingOptionsAreNamed() {
        ModuleConfig c = sample();
        assertEquals("missing option 'hidden_size'",
                assertThrows(IllegalArgumentException.class, () -> c.getInt("hidden_size")).getMessage());
        assertEquals("option 'name' must be an integer, found the string \"x\"y\"",
                assertThrows(IllegalArgumentException.class, () -> c.getInt("name")).getMessage());
        assertEquals("option 'big' = 1099511627776 does not fit an int",
                assertThrows(IllegalArgumentException.class, () -> c.getInt("big")).getMessage());
        assertEquals("option 'n' must be a boolean, found the number 3",
                assertThrows(IllegalArgumentException.class, () -> c.getBoolean("n")).getMessage());
        assertEquals("option 'name' = \"x\"y\" is not one of identity, tanh, sigmoid, relu",
                assertThrows(IllegalArgumentException.class, () -> c.getEnum("name", Activation.class)).getMessage());
        assertEquals("option 'p' must be an array of integers, found the number 0.1",
                assertThrows(IllegalArgumentException.class, () -> c.getInts("p")).getMessage());
        assertEquals("option 'x' must be a finite number, got NaN",
                assertThrows(IllegalArgumentException.class, () -> c.with("x", Double.NaN)).getMessage());
    }

    @Test
    void jsonValuesAConfigCannotHold() throws IOException {
        for (String bad : List.of("{\"a\":null}", "{\"a\":{}}", "{\"a\":[1.5]}", "{\"a\":123456789012345678901234}")) {
            assertThrows(IllegalArgumentException.class, () -> ModuleConfig.fromJson((Map<?, ?>) Json.parse(bad)), bad);
        }
    }
}
