package org.rnn4j.tensor;

import org.rnn4j.internal.TensorAccess;
import org.rnn4j.internal.autograd.Node;

/**
 * The engine's view of a tensor, handed to {@link TensorAccess} once by Tensor's static
 * initializer (the "shared secrets" pattern): package-private members reached from outside the
 * package without making them public.
 */
final class EngineHooks implements TensorAccess.Hooks {
    @Override
    public float[] storage(Tensor t) {
        if (t.data == null) {
            throw new IllegalArgumentException("expected a tensor of dtype " + DType.FLOAT32 + ", but got "
                    + t.dtype());
        }
        return t.data;
    }

    @Override
    public int offset(Tensor t) {
        return t.offset;
    }

    @Override
    public Tensor wrap(float[] data, int[] shape) {
        return Tensor.wrap(data, shape);
    }

    @Override
    public Tensor wrapLongs(long[] data, int[] shape) {
        return Tensor.wrapLongs(data, shape);
    }

    @Override
    public Node gradFn(Tensor t) {
        return t.gradFn;
    }

    @Override
    public int outputIndex(Tensor t) {
        return t.outputIndex;
    }

    @Override
    public void setGradFn(Tensor t, Node node, int index) {
        t.gradFn = node;
        t.outputIndex = index;
        t.requiresGrad = node != null;
    }

    @Override
    public void accumulateGrad(Tensor t, Tensor g) {
        AutogradOps.accumulateGrad(t, g);
    }

    @Override
    public Tensor gradUnseen(Tensor t) {
        return t.grad;
    }

    @Override
    public float[] copyInto(Tensor t, float[] dst) {
        return CopyOps.copyInto(t, dst);
    }
}
