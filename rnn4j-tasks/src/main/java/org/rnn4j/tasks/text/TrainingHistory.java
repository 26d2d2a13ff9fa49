package org.rnn4j.tasks.text;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a training run measured so far: the training loss (mean cross-entropy in nats, as float32)
 * and wall time of every step, and the validation bpc at the steps it was measured. A checkpoint
 * carries it (as JSON, every number exact), so a resumed run's charts and metrics cover the whole
 * run. Not thread-safe.
 */
public final class TrainingHistory {
    /** The validation bpc after {@code step} steps. */
    public record Validation(int step, double bpc) {}

    /** {@link #trainBpc()} averages the last this many steps. */
    public static final int TRAIN_BPC_STEPS = 100;

    private static final double LN2 = Math.log(2);

    private final List<Float> loss = new ArrayList<>();
    private final List<Double> millis = new ArrayList<>();
    private final List<Validation> validation = new ArrayList<>();

    /** Step {@code steps() + 1} done with this loss in this many milliseconds. */
    public void addStep(float loss, double millis) {
        this.loss.add(loss);
        this.millis.add(millis);
    }

    public void addValidation(int step, double bpc) {
        validation.add(new Validation(step, bpc));
    }

    /** Steps recorded. */
    public int steps() {
        return loss.size();
    }

    /** The training loss of step {@code step} (1-based) in nats. */
    public float loss(int step) {
        return loss.get(step - 1);
    }

    /** The training loss of each step in bits per character. */
    public double[] trainBpcByStep() {
        double[] out = new double[loss.size()];
        for (int i = 0; i < out.length; i++) out[i] = loss.get(i) / LN2;
        return out;
    }

    /**
     * The training bpc at the end: the mean loss of the last {@value #TRAIN_BPC_STEPS} steps (all
     * of them if fewer) over ln 2; NaN before the first step.
     */
    public double trainBpc() {
        int n = Math.min(TRAIN_BPC_STEPS, loss.size());
        double sum = 0;
        for (int i = loss.size() - n; i < loss.size(); i++) sum += loss.get(i);
        return n == 0 ? Double.NaN : sum / n / LN2;
    }

    /** The median wall time of a step in milliseconds (NaN before the first step). */
    public double medianStepMillis() {
        if (millis.isEmpty()) return Double.NaN;
        double[] m = millis.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(m);
        int n = m.length;
        return n % 2 == 1 ? m[n / 2] : (m[n / 2 - 1] + m[n / 2]) / 2;
    }

    public List<Validation> validation() {
        return List.copyOf(validation);
    }

    /** The last validation measured, or null. */
    public Validation lastValidation() {
        return validation.isEmpty() ? null : validation.get(validation.size() - 1);
    }

    /** Everything, with numbers that read back exactly. */
    public String toJson() {
        JsonObject j = new JsonObject();
        JsonArray l = new JsonArray();
        for (float v : loss) l.add(Float.toString(v));
        JsonArray ms = new JsonArray();
        for (double v : millis) ms.add(v);
        JsonArray val = new JsonArray();
        for (Validation v : validation) {
            JsonArray pair = new JsonArray();
            pair.add(v.step());
            pair.add(Double.toString(v.bpc()));
            val.add(pair);
        }
        j.add("loss", l);
        j.add("step_ms", ms);
        j.add("validation", val);
        return j.toString();
    }

    /**
     * The history {@link #toJson} wrote.
     *
     * @throws IllegalArgumentException if it is not such JSON
     */
    public static TrainingHistory fromJson(String json) {
        try {
            JsonObject j = JsonParser.parseString(json).getAsJsonObject();
            TrainingHistory h = new TrainingHistory();
            JsonArray l = j.getAsJsonArray("loss");
            JsonArray ms = j.getAsJsonArray("step_ms");
            if (l.size() != ms.size()) {
                throw new IllegalArgumentException(l.size() + " losses but " + ms.size() + " step times");
            }
            for (int i = 0; i < l.size(); i++) h.addStep(Float.parseFloat(l.get(i).getAsString()), ms.get(i).getAsDouble());
            for (JsonElement e : j.getAsJsonArray("validation")) {
                JsonArray pair = e.getAsJsonArray();
                h.addValidation(pair.get(0).getAsInt(), Double.parseDouble(pair.get(1).getAsString()));
            }
            return h;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad training history: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("bad training history (" + e.getMessage() + ")", e);
        }
    }
}
