package org.rnn4j.onnx.proto;

import java.util.Arrays;

/** A growable long array (repeated varint fields without boxing). */
final class LongList {
    private long[] a = new long[8];
    private int n;

    void add(long v) {
        if (n == a.length) a = Arrays.copyOf(a, n * 2);
        a[n++] = v;
    }

    long get(int i) {
        return a[i];
    }

    int size() {
        return n;
    }

    long[] toArray() {
        return Arrays.copyOf(a, n);
    }
}
