package org.rnn4j.tasks.forecast;

/**
 * The test by rolling origins: from every origin o = trainPoints−1 .. n−1−H (one per test point
 * whose horizon fits) the model, naive and seasonal naive forecast o+1 .. o+H, all from the same
 * origins, with no refitting; the model reads the true values up to o. Arrays are [origin][step];
 * {@code truth} is NaN where the value was filled in (not scored).
 */
public record Evaluation(int[] origins, double[][] truth, double[][] model, double[][] naive,
                         double[][] seasonalNaive, double scale, Scores scores) {
    /** The metrics of the model and the two baselines. */
    public record Scores(Metrics model, Metrics naive, Metrics seasonalNaive) {}

    /** Runs the test of {@code model} on {@code series} as {@code plan} splits it. */
    public static Evaluation run(ForecastModel model, Series series, ForecastPlan plan) {
        int[] origins = ForecastTrainer.range(plan.firstTestOrigin(), plan.lastTestOrigin());
        int h = plan.horizon();
        double[] y = series.target();
        double[][] truth = new double[origins.length][h];
        for (int i = 0; i < origins.length; i++) {
            for (int k = 1; k <= h; k++) {
                int t = origins[i] + k;
                truth[i][k - 1] = series.observed()[t] ? y[t] : Double.NaN;
            }
        }
        double[][] predicted = model.predict(series, origins);
        double[][] naive = Baselines.naive(y, origins, h);
        double[][] seasonal = Baselines.seasonalNaive(y, origins, h, plan.season());
        double scale = Metrics.maseScale(y, plan.trainPoints(), plan.season());
        Scores scores = new Scores(Metrics.of(truth, predicted, scale), Metrics.of(truth, naive, scale),
                Metrics.of(truth, seasonal, scale));
        return new Evaluation(origins, truth, predicted, naive, seasonal, scale, scores);
    }

    /** Mean absolute error by step (1..H) of {@code forecast} against the truth. */
    public double[] maeByStep(double[][] forecast) {
        int h = truth.length == 0 ? 0 : truth[0].length;
        double[] sum = new double[h];
        int[] count = new int[h];
        for (int i = 0; i < truth.length; i++) {
            for (int k = 0; k < h; k++) {
                if (Double.isNaN(truth[i][k])) continue;
                sum[k] += Math.abs(truth[i][k] - forecast[i][k]);
                count[k]++;
            }
        }
        for (int k = 0; k < h; k++) sum[k] = count[k] == 0 ? Double.NaN : sum[k] / count[k];
        return sum;
    }
}
