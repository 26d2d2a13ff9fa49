/**
 * rnn4j's core library: tensors with autograd, PyTorch-style modules, optimizers, data loading and
 * safetensors files; nothing but the JDK at run time.
 *
 * <p>Only the API packages are exported. The kernels ({@code org.rnn4j.tensor.cpu} and its
 * sub-packages), the engine's hooks into tensors ({@code org.rnn4j.internal}, the autograd tape in
 * {@code org.rnn4j.internal.autograd}) and the backend seam the recurrent layers run through
 * ({@code org.rnn4j.internal.backend}) are implementation: code on the module path cannot
 * reach them, so they may change in any release.
 *
 * <p>The Vector API ({@code jdk.incubator.vector}) is optional: the GEMM and cell kernels use it
 * when the module is resolved ({@code --add-modules jdk.incubator.vector}) and fall back to scalar
 * loops otherwise.
 */
module org.rnn4j.core {
    requires static jdk.incubator.vector;

    exports org.rnn4j.autograd;
    exports org.rnn4j.data;
    exports org.rnn4j.io;
    exports org.rnn4j.nn;
    exports org.rnn4j.optim;
    exports org.rnn4j.optim.lr;
    exports org.rnn4j.tensor;

    // Model files rebuild modules through codecs; other libraries (the task models) provide theirs.
    uses org.rnn4j.io.ModuleCodec;
}
