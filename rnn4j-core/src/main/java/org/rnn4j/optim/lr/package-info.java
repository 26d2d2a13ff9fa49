/**
 * Learning-rate schedulers, like {@code torch.optim.lr_scheduler}: {@link org.rnn4j.optim.lr.StepLR},
 * {@link org.rnn4j.optim.lr.ExponentialLR}, {@link org.rnn4j.optim.lr.CosineAnnealingLR},
 * {@link org.rnn4j.optim.lr.LinearLR}, {@link org.rnn4j.optim.lr.OneCycleLR} and
 * {@link org.rnn4j.optim.lr.ReduceLROnPlateau}, all on {@link org.rnn4j.optim.lr.LRScheduler}.
 *
 * <pre>{@code
 * Adam adam = new Adam(model.parameters(), 1e-3);
 * LRScheduler schedule = new CosineAnnealingLR(adam, 100, 1e-5);
 * for (int epoch = 0; epoch < 100; epoch++) {
 *     trainOneEpoch(model, adam);   // zeroGrad, forward, backward, adam.step()
 *     schedule.step();
 * }
 * }</pre>
 * The learning rates equal PyTorch's step by step (its recursive {@code get_lr()} forms,
 * checked against PyTorch 1.13 to 1e-9 relative), and a run resumed from
 * {@code adam.stateDict()} and {@code schedule.stateDict()} repeats the uninterrupted one exactly.
 */
package org.rnn4j.optim.lr;
