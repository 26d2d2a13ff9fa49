package org.rnn4j.tasks.text;

import java.io.IOException;

/**
 * A text that cannot train a character language model: empty, not valid UTF-8 (the message names
 * the byte offset), or too short for the lanes and windows asked for. The message is one line,
 * starting with the source.
 */
public final class TextFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public TextFormatException(String source, String problem) {
        super(source == null || source.isEmpty() ? problem : source + ": " + problem);
    }
}
