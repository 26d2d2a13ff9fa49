package org.rnn4j.tasks.forecast;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rnn4j.io.ModelFile;
import org.rnn4j.io.Models;

/**
 * The one place that knows how a {@link ForecastModel} is stored: a self-describing model file
 * ({@link Models}: the net's weights under PyTorch names and its architecture, rebuilt by
 * {@link ForecastNetCodec}) whose metadata key {@value #KEY} holds what the task adds, as JSON:
 * window sizes, season, frequency, scaling and columns. So the file alone rebuilds the model, and
 * {@code rnn4j export --onnx} and Spark executors read it as any model file. Written atomically.
 */
public final class ForecastModelFile {
    /** The metadata key holding the description. */
    public static final String KEY = "forecast";
    /** The format written; files of newer formats are refused (1 had the architecture here too). */
    public static final int VERSION = 2;

    private static final Gson GSON = new Gson();

    private ForecastModelFile() {}

    public static void save(Path file, ForecastModel model) throws IOException {
        Models.save(file, model.net(), Map.of(KEY, describe(model).toString()));
    }

    /** The JSON description the task stores beside the weights and the architecture. */
    public static JsonObject describe(ForecastModel m) {
        JsonObject scaling = new JsonObject();
        scaling.addProperty("mode", m.scaler().multiplicative() ? "multiplicative" : "additive");
        scaling.addProperty("sigma", m.scaler().sigma());
        scaling.addProperty("level_points", m.scaler().levelPoints());
        scaling.addProperty("floor", m.scaler().floor());
        scaling.add("feature_mean", GSON.toJsonTree(m.scaler().featureMean()));
        scaling.add("feature_std", GSON.toJsonTree(m.scaler().featureStd()));
        JsonObject columns = new JsonObject();
        columns.addProperty("time", m.columns().time());
        columns.addProperty("target", m.columns().target());
        columns.add("features", GSON.toJsonTree(m.columns().features()));
        JsonObject d = new JsonObject();
        d.addProperty("format", "rnn4j-forecast");
        d.addProperty("format_version", VERSION);
        d.addProperty("lookback", m.lookback());
        d.addProperty("horizon", m.horizon());
        d.addProperty("season", m.season());
        d.addProperty("frequency", m.frequency());
        d.add("columns", columns);
        d.add("scaling", scaling);
        return d;
    }

    /** Loads a model saved by {@link #save}; a damaged or foreign file is an IOException naming it. */
    public static ForecastModel load(Path file) throws IOException {
        ModelFile model = Models.read(file);
        String json = model.metadata().get(KEY);
        if (json == null || !(model.module() instanceof ForecastNet net)) {
            throw new IOException(file + ": not an rnn4j forecast model (a " + model.module().getClass().getSimpleName()
                    + (json == null ? " without '" + KEY + "' metadata)" : ")"));
        }
        try {
            JsonObject d = JsonParser.parseString(json).getAsJsonObject();
            int version = d.get("format_version").getAsInt();
            if (version > VERSION) {
                throw new IOException(file + ": forecast model format " + version + " is newer than this rnn4j reads ("
                        + VERSION + ")");
            }
            int horizon = d.get("horizon").getAsInt();
            if (horizon != net.horizon() || d.get("lookback").getAsInt() != net.lookback()) {
                throw new IOException(file + ": the forecast description (lookback " + d.get("lookback") + ", horizon "
                        + horizon + ") does not match the model's (" + net.lookback() + ", " + net.horizon() + ")");
            }
            JsonObject s = d.getAsJsonObject("scaling");
            WindowScaler scaler = new WindowScaler("multiplicative".equals(s.get("mode").getAsString()),
                    s.get("sigma").getAsDouble(), s.get("level_points").getAsInt(), s.get("floor").getAsDouble(),
                    doubles(s.getAsJsonArray("feature_mean")), doubles(s.getAsJsonArray("feature_std")));
            JsonObject c = d.getAsJsonObject("columns");
            JsonElement time = c.get("time");
            List<String> features = new ArrayList<>();
            for (JsonElement e : c.getAsJsonArray("features")) features.add(e.getAsString());
            ModelColumns columns = new ModelColumns(time == null || time.isJsonNull() ? null : time.getAsString(),
                    c.get("target").getAsString(), features);
            return new ForecastModel(net, scaler, d.get("lookback").getAsInt(), horizon, d.get("season").getAsInt(),
                    columns, d.get("frequency").getAsString());
        } catch (RuntimeException e) { // malformed JSON, a missing field, a wrong shape
            throw new IOException(file + ": damaged forecast model description (" + e.getMessage() + ")", e);
        }
    }

    private static double[] doubles(JsonArray a) {
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) v[i] = a.get(i).getAsDouble();
        return v;
    }
}
