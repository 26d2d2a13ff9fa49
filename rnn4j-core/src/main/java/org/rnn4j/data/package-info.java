/**
 * Data for training, in the spirit of {@code torch.utils.data}: a {@link org.rnn4j.data.Dataset}
 * read in (optionally shuffled) batches by a {@link org.rnn4j.data.DataLoader} whose position can
 * be saved and restored, collate functions ({@link org.rnn4j.data.Collate}) that stack or pad
 * examples, and text as token streams: {@link org.rnn4j.data.CharVocabulary} (characters to
 * indices) and {@link org.rnn4j.data.TextLanes} (contiguous lanes cut into windows for truncated
 * backpropagation through time). Everything random draws from a {@link org.rnn4j.tensor.Generator},
 * so a given generator state gives the same batches.
 */
package org.rnn4j.data;
