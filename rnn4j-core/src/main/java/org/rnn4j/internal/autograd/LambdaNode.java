package org.rnn4j.internal.autograd;

import org.rnn4j.tensor.Tensor;

/**
 * A single-output node whose backward rule is a function from the output's gradient to the
 * inputs' gradients: how the element-wise, shape and reduction ops record themselves.
 */
public final class LambdaNode extends Node {
    private final String name;
    private Backward rule;

    public LambdaNode(String name, Backward rule, Tensor... inputs) {
        super(1, inputs);
        this.name = name;
        this.rule = rule;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    protected Tensor[] backward(Tensor[] gradOutputs) {
        return rule.apply(gradOutputs[0]);
    }

    @Override
    protected void release() {
        rule = null;
    }
}
