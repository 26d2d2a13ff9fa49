package org.rnn4j.io;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rnn4j.tensor.DType;
import org.rnn4j.tensor.Tensor;

/** Runs an ONNX model in ONNX Runtime (the reference implementation) on rnn4j tensors. */
final class Ort {
    private Ort() {}

    /** The outputs of {@code model} for {@code inputs} (FLOAT32 or INT64), by output name, as rnn4j tensors. */
    static Map<String, Tensor> run(byte[] model, Map<String, Tensor> inputs) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            try (OrtSession session = env.createSession(model, options)) {
                Map<String, OnnxTensor> feed = new LinkedHashMap<>();
                try {
                    for (Map.Entry<String, Tensor> e : inputs.entrySet()) {
                        long[] shape = java.util.Arrays.stream(e.getValue().shape()).asLongStream().toArray();
                        Tensor v = e.getValue();
                        feed.put(e.getKey(), v.dtype() == DType.INT64
                                ? OnnxTensor.createTensor(env, LongBuffer.wrap(v.toLongArray()), shape)
                                : OnnxTensor.createTensor(env, FloatBuffer.wrap(v.toFloatArray()), shape));
                    }
                    Map<String, Tensor> out = new LinkedHashMap<>();
                    try (OrtSession.Result result = session.run(feed)) {
                        for (Map.Entry<String, ai.onnxruntime.OnnxValue> e : result) {
                            OnnxTensor t = (OnnxTensor) e.getValue();
                            FloatBuffer fb = t.getFloatBuffer();
                            float[] data = new float[fb.remaining()];
                            fb.get(data);
                            int[] shape = java.util.Arrays.stream(t.getInfo().getShape()).mapToInt(x -> (int) x).toArray();
                            out.put(e.getKey(), Tensor.of(data, shape));
                        }
                    }
                    return out;
                } finally {
                    feed.values().forEach(OnnxTensor::close);
                }
            }
        }
    }

    /** The model's custom metadata (metadata_props) as ONNX Runtime reads it. */
    static Map<String, String> metadata(byte[] model) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession session = env.createSession(model, options)) {
            return session.getMetadata().getCustomMetadata();
        }
    }

    /** max |a - b| / max(1, |b|) over all elements; shapes must agree. */
    static double maxDiff(Tensor a, Tensor b) {
        if (!java.util.Arrays.equals(a.shape(), b.shape())) {
            throw new AssertionError("shapes differ: " + java.util.Arrays.toString(a.shape()) + " vs "
                    + java.util.Arrays.toString(b.shape()));
        }
        float[] x = a.toFloatArray();
        float[] y = b.toFloatArray();
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            double d = Math.abs(x[i] - y[i]) / Math.max(1.0, Math.abs(y[i]));
            if (!(d <= worst)) worst = Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
        }
        return worst;
    }
}
