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
import java.util.Locale;
import java.util.Map;
import org.rnn4j.io.SafeTensors;
import org.rnn4j.nn.CellType;
import org.rnn4j.nn.RecurrentConfig;
import org.rnn4j.tensor.Tensor;

/**
 * The one place that knows how a {@link ForecastModel} is stored: a safetensors file with the net's
 * state dict (PyTorch names) and, under the metadata key {@value #KEY}, a JSON description with the
 * architecture, window sizes, scaling and columns, so that the file alone rebuilds the model.
 * Written atomically (a temporary file, then a rename; see {@link SafeTensors#save}).
 */
public final class ForecastModelFile {
    /** The metadata key holding the description. */
    public static final String KEY = "rnn4j.forecast";
    /** The format written; files of newer formats are refused. */
    public static final int VERSION = 1;

    private static final Gson GSON = new Gson();

    private ForecastModelFile() {}

    public static void save(Path file, ForecastModel model) throws IOException {
        SafeTensors.save(file, model.net().stateDict(), Map.of(KEY, describe(model).toString()));
    }

    /** The JSON description stored beside the weights. */
    public static JsonObject describe(ForecastModel m) {
        RecurrentConfig c = m.net().config();
        JsonObject arch = new JsonObject();
        arch.addProperty("cell", c.cell().name());
        arch.addProperty("input_size", c.inputSize());
        arch.addProperty("hidden_size", c.hiddenSize());
        arch.addProperty("num_layers", c.numLayers());
        arch.addProperty("head", "linear on the last output, plus a linear highway on the target channel, added to the"
                + " seasonal-naive forecast");
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
        d.add("architecture", arch);
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
        Map<String, String> meta = SafeTensors.metadata(file);
        String json = meta.get(KEY);
        if (json == null) {
            throw new IOException(file + ": not an rnn4j forecast model (no '" + KEY + "' metadata)");
        }
        try {
            JsonObject d = JsonParser.parseString(json).getAsJsonObject();
            int version = d.get("format_version").getAsInt();
            if (version > VERSION) {
                throw new IOException(file + ": forecast model format " + version + " is newer than this rnn4j reads ("
                        + VERSION + ")");
            }
            JsonObject arch = d.getAsJsonObject("architecture");
            RecurrentConfig config = RecurrentConfig.of(CellType.valueOf(arch.get("cell").getAsString()
                    .toUpperCase(Locale.ROOT)), arch.get("input_size").getAsInt(), arch.get("hidden_size").getAsInt())
                    .numLayers(arch.get("num_layers").getAsInt()).batchFirst(true);
            int horizon = d.get("horizon").getAsInt();
            ForecastNet net = new ForecastNet(config, d.get("lookback").getAsInt(), horizon);
            Map<String, Tensor> weights = SafeTensors.load(file);
            net.loadStateDict(weights);
            net.eval();
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
