package org.rnn4j.onnx.export;

import java.util.LinkedHashMap;
import java.util.Map;
import org.rnn4j.io.ModuleCodec;
import org.rnn4j.nn.Module;

/**
 * How a composite model's graph names the module it computes, in the model's
 * {@code metadata_props}: {@value #TYPE} the module's model-file type (its
 * {@link ModuleCodec#type()}, as {@code org.rnn4j.io.Models} writes it) and {@value #CONFIG} its
 * options as that codec writes them, as JSON ({@code {"vocabulary": [10, 32, ...], "cell": "lstm",
 * ...}}). These hold what the graph alone does not (a CharLanguageModel's vocabulary, a
 * ForecastNet's lookback), so that {@code Onnx.load} can rebuild the module, and a server can read
 * them through ONNX Runtime's custom metadata.
 */
public final class ModuleDescription {
    /** The metadata key of the module's model-file type. */
    public static final String TYPE = "rnn4j.module_type";
    /** The metadata key of the module's options (JSON). */
    public static final String CONFIG = "rnn4j.module_config";

    private ModuleDescription() {}

    /** The two entries describing {@code module} through its {@code codec}. */
    public static <M extends Module> Map<String, String> of(ModuleCodec<M> codec, M module) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(TYPE, codec.type());
        m.put(CONFIG, codec.config(module).toString());
        return m;
    }
}
