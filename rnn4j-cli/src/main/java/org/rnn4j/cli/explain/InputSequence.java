package org.rnn4j.cli.explain;

/** Parses an input sequence written as steps separated by ';' and features by ',': "1,1;1,1;2,2". */
public final class InputSequence {
    private InputSequence() {}

    /** @return [T][I]; throws IllegalArgumentException naming the bad step or number */
    public static float[][] parse(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("--input is empty");
        String[] steps = text.split(";", -1);
        float[][] xs = new float[steps.length][];
        for (int t = 0; t < steps.length; t++) {
            String[] parts = steps[t].split(",", -1);
            xs[t] = new float[parts.length];
            for (int i = 0; i < parts.length; i++) {
                String p = parts[i].strip();
                try {
                    xs[t][i] = Float.parseFloat(p);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--input step " + t + ": '" + p + "' is not a number");
                }
                if (!Float.isFinite(xs[t][i])) {
                    throw new IllegalArgumentException("--input step " + t + ": '" + p + "' is not finite");
                }
            }
            if (xs[t].length != xs[0].length) {
                throw new IllegalArgumentException("--input step " + t + " has " + xs[t].length
                        + " values but step 0 has " + xs[0].length + "; every step needs the same number");
            }
        }
        return xs;
    }
}
