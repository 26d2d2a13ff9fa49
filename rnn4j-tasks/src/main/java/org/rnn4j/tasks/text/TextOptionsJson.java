package org.rnn4j.tasks.text;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.rnn4j.nn.CellType;

/**
 * {@link TextOptions} as JSON, for checkpoints and model files: one key per option, named as the
 * command line's flag without its dashes ({@code eval_every} for {@code --eval-every}), cell and
 * schedule in lower case. Doubles are written so that they read back exactly.
 */
public final class TextOptionsJson {
    private TextOptionsJson() {}

    public static JsonObject write(TextOptions o) {
        JsonObject j = new JsonObject();
        j.addProperty("cell", o.cell().name().toLowerCase(Locale.ROOT));
        j.addProperty("embed", o.embed());
        j.addProperty("hidden", o.hidden());
        j.addProperty("layers", o.layers());
        j.addProperty("seq", o.seq());
        j.addProperty("batch", o.batch());
        j.addProperty("steps", o.steps());
        j.addProperty("lr", o.lr());
        j.addProperty("dropout", o.dropout());
        j.addProperty("seed", o.seed());
        j.addProperty("clip", o.clip());
        j.addProperty("schedule", o.schedule().id());
        j.addProperty("eval_every", o.evalEvery());
        j.addProperty("checkpoint_every", o.checkpointEvery());
        return j;
    }

    /**
     * The options {@link #write} wrote.
     *
     * @throws IllegalArgumentException naming a missing key or a bad value
     */
    public static TextOptions read(String json) {
        JsonObject j;
        try {
            j = JsonParser.parseString(json).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the options are not a JSON object (" + e.getMessage() + ")");
        }
        try {
            return TextOptions.options()
                    .cell(CellType.valueOf(get(j, "cell").getAsString().toUpperCase(Locale.ROOT)))
                    .embed(get(j, "embed").getAsInt()).hidden(get(j, "hidden").getAsInt())
                    .layers(get(j, "layers").getAsInt()).seq(get(j, "seq").getAsInt())
                    .batch(get(j, "batch").getAsInt()).steps(get(j, "steps").getAsInt())
                    .lr(get(j, "lr").getAsDouble()).dropout(get(j, "dropout").getAsDouble())
                    .seed(get(j, "seed").getAsLong()).clip(get(j, "clip").getAsDouble())
                    .schedule(TextOptions.Schedule.valueOf(get(j, "schedule").getAsString().toUpperCase(Locale.ROOT)))
                    .evalEvery(get(j, "eval_every").getAsInt()).checkpointEvery(get(j, "checkpoint_every").getAsInt());
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) { // a number where a string was expected, and the like
            throw new IllegalArgumentException("bad options " + json + " (" + e.getMessage() + ")");
        }
    }

    private static JsonElement get(JsonObject j, String key) {
        JsonElement e = j.get(key);
        if (e == null || e.isJsonNull()) throw new IllegalArgumentException("the options lack '" + key + "'");
        return e;
    }

    /**
     * The options that differ between {@code a} and {@code b}, by key, with a's and b's values;
     * {@code checkpoint_every} is ignored (it changes when files are written, not what is computed).
     */
    public static Map<String, String[]> differences(TextOptions a, TextOptions b) {
        JsonObject ja = write(a);
        JsonObject jb = write(b);
        Map<String, String[]> out = new LinkedHashMap<>();
        for (String key : ja.keySet()) {
            if (key.equals("checkpoint_every")) continue;
            String va = ja.get(key).getAsString();
            String vb = jb.get(key).getAsString();
            if (!va.equals(vb)) out.put(key, new String[] {va, vb});
        }
        return out;
    }
}
