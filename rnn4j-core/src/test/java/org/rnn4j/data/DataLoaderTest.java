package org.rnn4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.rnn4j.tensor.Generator;
import org.rnn4j.tensor.Tensor;

/**
 * DataLoader: every example once per epoch (with and without the last short batch), a new order
 * each epoch, the same order for the same seed, and a restored position that serves the same
 * remaining batches.
 */
class DataLoaderTest {
    private static final Function<List<Integer>, List<Integer>> AS_LIST = List::copyOf;

    private static Dataset<Integer> numbers(int n) {
        return Dataset.of(IntStream.range(0, n).boxed().collect(Collectors.toList()));
    }

    private static DataLoader<Integer, List<Integer>> loader(int n, DataLoader.Options o) {
        return new DataLoader<>(numbers(n), o, AS_LIST);
    }

    /** The examples of one epoch, in order, by iterating the loader. */
    private static List<Integer> epoch(DataLoader<Integer, List<Integer>> l) {
        List<Integer> out = new ArrayList<>();
        for (List<Integer> batch : l) out.addAll(batch);
        return out;
    }

    @Test
    void everyExampleOncePerEpochInBatchesOfTheGivenSize() {
        DataLoader<Integer, List<Integer>> l = loader(10, DataLoader.options().batchSize(3).shuffle(true)
                .generator(new Generator(1)));
        assertEquals(4, l.numBatches());
        for (int e = 0; e < 5; e++) {
            assertEquals(e, l.epoch());
            List<Integer> sizes = new ArrayList<>();
            List<Integer> seen = new ArrayList<>();
            for (List<Integer> batch : l) {
                sizes.add(batch.size());
                seen.addAll(batch);
            }
            assertEquals(List.of(3, 3, 3, 1), sizes);
            assertEquals(IntStream.range(0, 10).boxed().collect(Collectors.toList()),
                    seen.stream().sorted().collect(Collectors.toList()), "epoch " + e);
        }
        assertEquals(5, l.epoch());
    }

    @Test
    void dropLastServesOnlyFullBatches() {
        DataLoader<Integer, List<Integer>> l = loader(10, DataLoader.options().batchSize(3).dropLast(true).shuffle(true));
        assertEquals(3, l.numBatches());
        for (int e = 0; e < 4; e++) {
            List<Integer> seen = epoch(l);
            assertEquals(9, seen.size());
            assertEquals(9, seen.stream().distinct().count(), "no example twice in an epoch");
        }
        assertEquals(0, loader(2, DataLoader.options().batchSize(3).dropLast(true)).numBatches());
    }

    @Test
    void withoutShufflingTheOrderIsTheDatasets() {
        DataLoader<Integer, List<Integer>> l = loader(7, DataLoader.options().batchSize(2));
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6), epoch(l));
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6), epoch(l));
        assertNull(l.generator());
        assertNull(l.state().generatorState());
    }

    @Test
    void eachEpochHasANewOrderAndTheSameSeedTheSameOrders() {
        DataLoader<Integer, List<Integer>> a = loader(30, DataLoader.options().batchSize(4).shuffle(true)
                .generator(new Generator(42)));
        DataLoader<Integer, List<Integer>> b = loader(30, DataLoader.options().batchSize(4).shuffle(true)
                .generator(new Generator(42)));
        List<List<Integer>> orders = new ArrayList<>();
        for (int e = 0; e < 4; e++) {
            List<Integer> ea = epoch(a);
            assertEquals(ea, epoch(b), "epoch " + e + ": same seed, same order");
            orders.add(ea);
        }
        assertEquals(4, orders.stream().distinct().count(), "four epochs, four different permutations");
        assertNotEquals(IntStream.range(0, 30).boxed().collect(Collectors.toList()), orders.get(0));
        DataLoader<Integer, List<Integer>> c = loader(30, DataLoader.options().batchSize(4).shuffle(true)
                .generator(new Generator(43)));
        assertNotEquals(orders.get(0), epoch(c), "another seed, another order");
    }

    @Test
    void theDefaultGeneratorSeedsTheLoaderOnceAndLaterDrawsDoNotMoveIt() {
        Tensor.manualSeed(5);
        DataLoader<Integer, List<Integer>> a = loader(20, DataLoader.options().batchSize(5).shuffle(true));
        Tensor.randn(100); // e.g. dropout between epochs
        List<Integer> a0 = epoch(a);
        Tensor.randn(7);
        List<Integer> a1 = epoch(a);
        Tensor.manualSeed(5);
        DataLoader<Integer, List<Integer>> b = loader(20, DataLoader.options().batchSize(5).shuffle(true));
        assertEquals(a0, epoch(b));
        assertEquals(a1, epoch(b));
    }

    @Test
    void restoringMidEpochServesTheSameRemainingBatches() {
        DataLoader.Options o = DataLoader.options().batchSize(3).shuffle(true);
        DataLoader<Integer, List<Integer>> a = loader(11, o.generator(new Generator(7)));
        for (int i = 0; i < 6; i++) a.nextBatch(); // one epoch of 4 batches, then 2 of the next
        DataLoader.State saved = a.state();
        assertEquals(1, saved.epoch());
        assertEquals(2, saved.index());
        List<List<Integer>> expected = new ArrayList<>();
        for (int i = 0; i < 10; i++) expected.add(a.nextBatch());

        DataLoader<Integer, List<Integer>> b = loader(11, o.generator(new Generator(999))); // another seed
        b.restore(saved);
        assertEquals(saved, b.state());
        List<List<Integer>> resumed = new ArrayList<>();
        for (int i = 0; i < 10; i++) resumed.add(b.nextBatch());
        assertEquals(expected, resumed);
        assertEquals(a.state(), b.state());
    }

    @Test
    void restoringAtAnEpochBoundaryAndWithoutShuffling() {
        DataLoader<Integer, List<Integer>> a = loader(8, DataLoader.options().batchSize(4).shuffle(true)
                .generator(new Generator(3)));
        epoch(a);
        DataLoader.State boundary = a.state();
        assertEquals(1, boundary.epoch());
        assertEquals(0, boundary.index());
        List<Integer> next = epoch(a);
        DataLoader<Integer, List<Integer>> b = loader(8, DataLoader.options().batchSize(4).shuffle(true)
                .generator(new Generator(4)));
        b.restore(boundary);
        assertEquals(next, epoch(b));

        DataLoader<Integer, List<Integer>> plain = loader(5, DataLoader.options().batchSize(2));
        plain.nextBatch();
        DataLoader.State s = plain.state();
        DataLoader<Integer, List<Integer>> again = loader(5, DataLoader.options().batchSize(2));
        again.restore(s);
        assertEquals(List.of(2, 3), again.nextBatch());
    }

    @Test
    void nextBatchCrossesEpochsAndTheIteratorEndsWithItsEpoch() {
        DataLoader<Integer, List<Integer>> l = loader(5, DataLoader.options().batchSize(2));
        var it = l.iterator();
        assertEquals(List.of(0, 1), it.next());
        assertEquals(List.of(2, 3), l.nextBatch());
        assertTrue(it.hasNext());
        assertEquals(List.of(4), it.next());
        assertFalse(it.hasNext());
        assertThrows(java.util.NoSuchElementException.class, it::next);
        assertEquals(1, l.epoch());
        assertEquals(List.of(0, 1), l.nextBatch());
        DataLoader<Integer, List<Integer>> empty = loader(0, DataLoader.options());
        assertFalse(empty.iterator().hasNext());
        assertEquals(1, empty.epoch(), "an empty epoch still counts");
        IllegalStateException e = assertThrows(IllegalStateException.class, empty::nextBatch);
        assertTrue(e.getMessage().contains("no batches"), e.getMessage());
    }

    @Test
    void aFailingCollateLeavesThePositionAlone() {
        int[] calls = {0};
        DataLoader<Integer, Integer> l = new DataLoader<>(numbers(4), DataLoader.options().batchSize(2), items -> {
            if (calls[0]++ == 0) throw new IllegalStateException("boom");
            return items.get(0);
        });
        assertThrows(IllegalStateException.class, l::nextBatch);
        assertEquals(0, l.index());
        assertEquals(0, l.nextBatch());
    }

    @Test
    void badArgumentsAndStates() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> loader(4, DataLoader.options().batchSize(0)));
        assertEquals("batch_size should be a positive integer value, but got batch_size=0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DataLoader<>(null, AS_LIST));
        assertThrows(IllegalArgumentException.class, () -> new DataLoader<>(numbers(3), null));
        DataLoader<Integer, List<Integer>> l = loader(6, DataLoader.options().batchSize(2).shuffle(true));
        l.nextBatch();
        DataLoader.State before = l.state();
        String msg = assertThrows(IllegalArgumentException.class,
                () -> l.restore(new DataLoader.State(0, 3, 0, before.generatorState()))).getMessage();
        assertTrue(msg.contains("0 <= index < 3") && msg.contains("index 3"), msg);
        assertThrows(IllegalArgumentException.class, () -> l.restore(new DataLoader.State(-1, 0, 0,
                before.generatorState())));
        assertThrows(IllegalArgumentException.class, () -> l.restore(new DataLoader.State(0, 1, 0, null)));
        assertThrows(IllegalArgumentException.class, () -> l.restore(new DataLoader.State(0, 1, 0, new byte[3])));
        assertEquals(before, l.state(), "a refused state changes nothing");
        assertThrows(IllegalArgumentException.class, () -> loader(6, DataLoader.options()).restore(before),
                "a generator state for a loader that does not shuffle");
        assertThrows(IllegalArgumentException.class, () -> Dataset.of(java.util.Arrays.asList(1, null)));
        assertThrows(IllegalArgumentException.class, () -> numbers(2).get(2));
    }

    @Test
    void stateIsAValue() {
        byte[] g = {1, 2, 3};
        DataLoader.State s = new DataLoader.State(1, 2, 3L, g);
        g[0] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, s.generatorState(), "copied in");
        s.generatorState()[1] = 9;
        assertEquals(new DataLoader.State(1, 2, 3L, new byte[] {1, 2, 3}), s, "copied out; equal by content");
        assertEquals(new DataLoader.State(1, 2, 3L, new byte[] {1, 2, 3}).hashCode(), s.hashCode());
    }
}
