package org.rnn4j.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A finite, indexed collection of examples, like {@code torch.utils.data.Dataset} with
 * {@code __len__}: {@link #get(int)} for every index in {@code [0, size())}. A {@link DataLoader}
 * reads it in batches.
 *
 * @param <T> one example (a tensor, a pair of tensors, a record of the user's)
 */
public interface Dataset<T> {
    /** The number of examples. */
    int size();

    /** Example {@code index}, {@code 0 <= index < size()}. */
    T get(int index);

    /**
     * A dataset over a copy of {@code items}.
     *
     * @throws IllegalArgumentException if items is null or holds a null
     */
    static <T> Dataset<T> of(List<? extends T> items) {
        if (items == null) throw new IllegalArgumentException("Dataset.of: items must not be null");
        List<T> copy = new ArrayList<>(items);
        for (int i = 0; i < copy.size(); i++) {
            if (copy.get(i) == null) throw new IllegalArgumentException("Dataset.of: item " + i + " is null");
        }
        List<T> view = Collections.unmodifiableList(copy);
        return new Dataset<>() {
            @Override
            public int size() {
                return view.size();
            }

            @Override
            public T get(int index) {
                if (index < 0 || index >= view.size()) {
                    throw new IllegalArgumentException("index " + index + " is out of range for a dataset of size "
                            + view.size());
                }
                return view.get(index);
            }
        };
    }
}
