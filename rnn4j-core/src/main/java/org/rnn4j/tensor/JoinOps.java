package org.rnn4j.tensor;

import static org.rnn4j.internal.TensorAccess.record;

import java.util.Arrays;
import java.util.List;

/**
 * {@code cat} and {@code stack}: several tensors of one dtype copied into one; the backward narrows
 * the gradient back.
 */
final class JoinOps {
    private JoinOps() {}

    /** Concatenation along d; every other size must match. */
    static Tensor cat(List<Tensor> tensors, int d) {
        checkTensorList(tensors, "cat");
        Tensor first = tensors.get(0);
        for (int i = 0; i < tensors.size(); i++) {
            if (tensors.get(i).dim() == 0) {
                throw new IllegalArgumentException("zero-dimensional tensor (at position " + i
                        + ") cannot be concatenated");
            }
        }
        int at = Shapes.dim(d, first.dim());
        int[] outShape = first.shape.clone();
        outShape[at] = 0;
        for (Tensor t : tensors) {
            if (t.dim() != first.dim()) {
                throw new IllegalArgumentException("Tensors must have same number of dimensions: got "
                        + first.dim() + " and " + t.dim());
            }
            for (int i = 0; i < first.dim(); i++) {
                if (i != at && t.shape[i] != first.shape[i]) {
                    throw new IllegalArgumentException("Sizes of tensors must match except in dimension " + at
                            + ". Expected size " + first.shape[i] + " but got size " + t.shape[i]
                            + " for tensor number " + tensors.indexOf(t) + " in the list.");
                }
            }
            if (t.dtype() != first.dtype()) {
                throw new IllegalArgumentException("cat(): expected all tensors to have dtype " + first.dtype()
                        + ", but tensor number " + tensors.indexOf(t) + " in the list has dtype " + t.dtype());
            }
            outShape[at] += t.shape[at];
        }
        Tensor out = CreationOps.zeros(first.dtype(), outShape);
        int[] starts = new int[tensors.size()];
        int pos = 0;
        for (int i = 0; i < tensors.size(); i++) {
            starts[i] = pos;
            Tensor t = tensors.get(i);
            ViewOps.narrowView(out, at, pos, t.shape[at]).copyFrom(t);
            pos += t.shape[at];
        }
        Tensor[] inputs = tensors.toArray(new Tensor[0]);
        return record(out, "CatBackward0", g -> {
            Tensor[] grads = new Tensor[inputs.length];
            for (int i = 0; i < inputs.length; i++) {
                grads[i] = g.narrow(at, starts[i], inputs[i].shape[at]).contiguous();
            }
            return grads;
        }, inputs);
    }

    /** Equally shaped tensors stacked along a new dimension d. */
    static Tensor stack(List<Tensor> tensors, int d) {
        checkTensorList(tensors, "stack");
        int at = Shapes.dim(d, tensors.get(0).dim() + 1);
        for (int i = 1; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            if (!Arrays.equals(t.shape, tensors.get(0).shape)) {
                throw new IllegalArgumentException("stack expects each tensor to be equal size, but got "
                        + Arrays.toString(tensors.get(0).shape) + " at entry 0 and " + Arrays.toString(t.shape)
                        + " at entry " + i);
            }
        }
        return cat(tensors.stream().map(t -> t.unsqueeze(at)).toList(), at);
    }

    private static void checkTensorList(List<Tensor> tensors, String op) {
        if (tensors == null) throw new IllegalArgumentException(op + "(): the list of tensors must not be null");
        if (tensors.isEmpty()) {
            throw new IllegalArgumentException(op + "(): expected a non-empty list of Tensors");
        }
        for (int i = 0; i < tensors.size(); i++) {
            if (tensors.get(i) == null) {
                throw new IllegalArgumentException(op + "(): expected a Tensor at position " + i + ", got null");
            }
        }
    }
}
