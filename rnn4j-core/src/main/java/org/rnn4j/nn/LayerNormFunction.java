package org.rnn4j.nn;

import org.rnn4j.internal.TensorAccess;
import org.rnn4j.tensor.Tensor;

/**
 * {@link LayerNorm}'s forward and analytic backward as one autograd node. Row statistics are
 * accumulated in double (rows are short; this keeps a row of large, nearly equal values from
 * losing its variance to cancellation) and the saved mean and 1/√(σ² + ε) serve backward, which
 * recomputes x̂ from the input instead of keeping a second copy of it.
 */
final class LayerNormFunction {
    private LayerNormFunction() {}

    /** y = LayerNorm(x) over the last dimension; weight and bias [N] or null. */
    static Tensor apply(Tensor x, Tensor weight, Tensor bias, double eps) {
        int n = x.size(-1);
        int rows = n == 0 ? 0 : x.numel() / n;
        Strided in = Strided.of(x);
        float[] gamma = weight == null ? null : TensorAccess.storage(weight);
        int gOff = weight == null ? 0 : TensorAccess.offset(weight);
        float[] beta = bias == null ? null : TensorAccess.storage(bias);
        int bOff = bias == null ? 0 : TensorAccess.offset(bias);
        double[] mean = new double[rows];
        double[] rstd = new double[rows];
        float[] y = new float[rows * n];
        for (int r = 0; r < rows; r++) {
            int base = in.offset + r * n;
            double s = 0;
            for (int j = 0; j < n; j++) s += in.data[base + j];
            double mu = s / n;
            double ss = 0;
            for (int j = 0; j < n; j++) {
                double d = in.data[base + j] - mu;
                ss += d * d;
            }
            double rs = 1.0 / Math.sqrt(ss / n + eps);
            mean[r] = mu;
            rstd[r] = rs;
            for (int j = 0; j < n; j++) {
                double v = (in.data[base + j] - mu) * rs;
                if (gamma != null) v *= gamma[gOff + j];
                if (beta != null) v += beta[bOff + j];
                y[r * n + j] = (float) v;
            }
        }
        Tensor out = TensorAccess.wrap(y, x.shape());
        return TensorAccess.record(out, "NativeLayerNormBackward0",
                g -> backward(g, new Saved(x, weight, bias, in, mean, rstd)), x, weight, bias);
    }

    /** What backward reads: the inputs, the input's elements and the row statistics. */
    private record Saved(Tensor x, Tensor weight, Tensor bias, Strided in, double[] mean, double[] rstd) {}

    private static Tensor[] backward(Tensor g, Saved s) {
        int rows = s.mean.length;
        int n = s.x.size(-1);
        Strided gy = Strided.of(g);
        float[] gamma = s.weight == null ? null : TensorAccess.storage(s.weight);
        int gOff = s.weight == null ? 0 : TensorAccess.offset(s.weight);
        boolean wantX = s.x.requiresGrad();
        float[] dx = wantX ? new float[rows * n] : null;
        double[] dGamma = new double[n];
        double[] dBeta = new double[n];
        double[] xhat = new double[n];
        double[] dxhat = new double[n];
        for (int r = 0; r < rows; r++) {
            int xb = s.in.offset + r * n;
            int gb = gy.offset + r * n;
            double sum = 0;
            double dot = 0;
            for (int j = 0; j < n; j++) {
                double gj = gy.data[gb + j];
                xhat[j] = (s.in.data[xb + j] - s.mean[r]) * s.rstd[r];
                dGamma[j] += gj * xhat[j];
                dBeta[j] += gj;
                dxhat[j] = gamma == null ? gj : gj * gamma[gOff + j];
                sum += dxhat[j];
                dot += dxhat[j] * xhat[j];
            }
            if (!wantX) continue;
            double meanD = sum / n;
            double meanDx = dot / n;
            for (int j = 0; j < n; j++) {
                dx[r * n + j] = (float) (s.rstd[r] * (dxhat[j] - meanD - xhat[j] * meanDx));
            }
        }
        return new Tensor[] {
            wantX ? TensorAccess.wrap(dx, s.x.shape()) : null,
            s.weight != null && s.weight.requiresGrad() ? TensorAccess.wrap(toFloat(dGamma), n) : null,
            s.bias != null && s.bias.requiresGrad() ? TensorAccess.wrap(toFloat(dBeta), n) : null};
    }

    private static float[] toFloat(double[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) out[i] = (float) v[i];
        return out;
    }

    /** A tensor's elements in row-major order: its own storage when contiguous, else a copy. */
    record Strided(float[] data, int offset) {
        static Strided of(Tensor t) {
            return t.isContiguous() ? new Strided(TensorAccess.storage(t), TensorAccess.offset(t))
                    : new Strided(t.toFloatArray(), 0);
        }
    }
}
