package org.rnn4j.nn;

/**
 * What {@link Recurrent#run(PackedSequence, RecurrentState)} returns: the output of the last layer
 * at every step, packed as the input, and each sequence's state after its own last step.
 */
public record PackedResult(PackedSequence output, RecurrentState state) {}
