package org.rnn4j.tensor;

/**
 * The element type of a {@link Tensor}: {@code FLOAT32} (PyTorch's {@code torch.float32}, every
 * tensor made by arithmetic, creation and the modules) or {@code INT64} ({@code torch.int64},
 * {@code torch.long}: class indices and other index tensors, made by {@link Tensor#ofLongs}).
 *
 * <p>An INT64 tensor has the same layout as a float one, so views ({@code reshape},
 * {@code transpose}, {@code select}, {@code narrow}, ...) and copies work on both; arithmetic,
 * reductions and activations need FLOAT32 and throw IllegalArgumentException naming the op and
 * both dtypes otherwise ({@link Tensor#toFloat()} converts).
 */
public enum DType {
    FLOAT32("torch.float32"),
    INT64("torch.int64");

    private final String torchName;

    DType(String torchName) {
        this.torchName = torchName;
    }

    /** PyTorch's name, as its repr prints it: {@code torch.float32}, {@code torch.int64}. */
    public String torchName() {
        return torchName;
    }
}
