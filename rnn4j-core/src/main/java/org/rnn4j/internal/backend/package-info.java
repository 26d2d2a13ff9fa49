/**
 * The backend seam: what a device must implement to run rnn4j's recurrent layers. Internal (not
 * exported by the module).
 *
 * <p>A recurrent layer is one autograd node ({@code nn.RecurrentLayerFunction}). Its forward hands
 * dense arrays to a {@link org.rnn4j.internal.backend.RecurrentBackend}: the {@link
 * org.rnn4j.internal.backend.LayerSpec} (cell family, sizes, directions, activations), the {@link
 * org.rnn4j.internal.backend.LayerInput} (x, h0, c0) and one {@link org.rnn4j.internal.backend.DirectionWeights}
 * per direction, with named slots. The backend returns the outputs and an opaque
 * {@link org.rnn4j.internal.backend.LayerResult.Saved}; the node keeps it and, in backward, hands it back
 * with the output gradients and accumulators for the input gradients. The node never looks
 * inside: the CPU backend saves its scan workspaces there (pooled arrays), a GPU backend would
 * save device buffers.
 *
 * <p>The CPU implementation is {@code org.rnn4j.tensor.cpu.rnn.CpuRecurrentBackend}: one GEMM for
 * the input projection of all steps, a persistent multi-threaded scan over the steps, one GEMM per
 * weight gradient over all steps.
 *
 * <h2>Adding a backend</h2>
 * Implement {@link org.rnn4j.internal.backend.RecurrentBackend} (forward, backward, and release of the
 * saved state), keeping the layout contracts of the records (time-major, directions side by side
 * in the output, gate blocks in PyTorch's order), and have the layer node choose it (today it
 * holds the CPU one in a constant). Results must be deterministic.
 *
 * <h2>Variable-length (packed) batches</h2>
 * Sorted by decreasing length, the rows active at step t are a prefix of the batch, so a packed
 * batch is the same call with a per-step row count ({@link org.rnn4j.internal.backend.LayerInput#batchSizes}):
 * x and the output are PyTorch's packed data (time t's rows after time t-1's), the input projection
 * stays one GEMM over all rows, the per-step product and cell pass cover the first
 * {@code batchSizes[t]} rows, and each row's final state is taken at its own last step (the reverse
 * direction starts each row there, from its initial state). h0, c0, h_n and c_n are in the sorted
 * row order; the caller permutes them.
 */
package org.rnn4j.internal.backend;
