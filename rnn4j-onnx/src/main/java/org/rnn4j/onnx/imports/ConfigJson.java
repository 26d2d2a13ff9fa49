package org.rnn4j.onnx.imports;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.util.Map;
import org.rnn4j.io.ModuleConfig;

/**
 * Reads back a {@link ModuleConfig} written as JSON ({@link ModuleConfig#toString()}): integers,
 * numbers with a fraction or exponent (doubles), booleans, strings and arrays of integers, as
 * model files store them. Anything else is an IllegalArgumentException naming the option.
 */
final class ConfigJson {
    private ConfigJson() {}

    static ModuleConfig parse(String json) {
        JsonElement root;
        try {
            root = JsonParser.parseString(json);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("the module options are not valid JSON: " + e.getMessage(), e);
        }
        if (!root.isJsonObject()) throw new IllegalArgumentException("the module options must be a JSON object, got " + json);
        ModuleConfig c = ModuleConfig.of();
        for (Map.Entry<String, JsonElement> e : ((JsonObject) root).entrySet()) c = with(c, e.getKey(), e.getValue());
        return c;
    }

    private static ModuleConfig with(ModuleConfig c, String key, JsonElement v) {
        if (v instanceof JsonPrimitive p) {
            if (p.isBoolean()) return c.with(key, p.getAsBoolean());
            if (p.isString()) return c.with(key, p.getAsString());
            String text = p.getAsString();
            try {
                return text.matches("-?\\d+") ? c.with(key, Long.parseLong(text)) : c.with(key, Double.parseDouble(text));
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException("option '" + key + "' = " + text + " is out of range", ex);
            }
        }
        if (v instanceof JsonArray a) {
            int[] values = new int[a.size()];
            for (int i = 0; i < values.length; i++) {
                JsonElement x = a.get(i);
                if (!(x instanceof JsonPrimitive p) || !p.isNumber() || !p.getAsString().matches("-?\\d{1,10}")
                        || p.getAsLong() != (int) p.getAsLong()) {
                    throw new IllegalArgumentException("option '" + key + "'[" + i + "] must be an int, got " + x);
                }
                values[i] = p.getAsInt();
            }
            return c.with(key, values);
        }
        throw new IllegalArgumentException("option '" + key + "' must be a number, boolean, string or array of integers,"
                + " got " + v);
    }
}
