package org.rnn4j.io;

import java.util.Map;
import org.rnn4j.nn.Module;

/**
 * What {@link Models#read} finds in a model file: the rebuilt module with its weights (in eval
 * mode), and the file's own metadata entries (the task's vocabulary, scaling, column names: every
 * entry outside the {@code rnn4j.} namespace, in file order).
 */
public record ModelFile(Module module, Map<String, String> metadata) {
    public ModelFile {
        metadata = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metadata));
    }
}
