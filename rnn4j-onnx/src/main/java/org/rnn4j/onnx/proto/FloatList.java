package org.rnn4j.onnx.proto;

import java.util.Arrays;

/** A growable float array (repeated float fields without boxing). */
final class FloatList {
    private float[] a = new float[8];
    private int n;

    void add(float v) {
        if (n == a.length) a = Arrays.copyOf(a, n * 2);
        a[n++] = v;
    }

    float get(int i) {
        return a[i];
    }

    int size() {
        return n;
    }

    float[] toArray() {
        return Arrays.copyOf(a, n);
    }
}
