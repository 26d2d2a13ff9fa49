package org.rnn4j.tasks.text;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.CRC32;
import org.rnn4j.data.CharVocabulary;

/**
 * A text read for a character language model: its vocabulary (the sorted distinct code points of
 * the whole text, {@link CharVocabulary}) and the text as indices, split into a training part (the
 * first 90% of the characters, ⌊0.9·n⌋) and a validation part (the rest). A leading UTF-8 byte
 * order mark is not part of the text. Immutable.
 *
 * @param source     where the text came from (a file name), for messages
 * @param train      indices of the training part
 * @param validation indices of the validation part
 */
public record TextCorpus(String source, CharVocabulary vocabulary, long[] train, long[] validation) {
    /** The share of the characters that trains. */
    public static final double TRAIN_SHARE = 0.9;

    public TextCorpus {
        train = train.clone();
        validation = validation.clone();
    }

    /**
     * Reads a UTF-8 file.
     *
     * @throws TextFormatException for an empty file or one that is not valid UTF-8 (naming the
     *     byte offset of the first bad byte), or a text too short to split
     * @throws IOException if the file cannot be read
     */
    public static TextCorpus read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return of(file.toString(), decode(file.toString(), bytes));
    }

    /**
     * The corpus of {@code text}.
     *
     * @throws TextFormatException if the text is empty, or so short that the validation part
     *     would have fewer than 2 characters (one input and its next character)
     */
    public static TextCorpus of(String source, String text) throws TextFormatException {
        if (text.isEmpty()) throw new TextFormatException(source, "the text is empty");
        CharVocabulary vocabulary = CharVocabulary.of(text);
        long[] all = vocabulary.encodeToArray(text);
        int trainSize = (int) Math.floor(TRAIN_SHARE * all.length);
        if (all.length - trainSize < 2) {
            throw new TextFormatException(source, "the text has only " + all.length + " characters: its last 10% (the"
                    + " validation part) must hold at least 2");
        }
        return new TextCorpus(source, vocabulary, Arrays.copyOf(all, trainSize),
                Arrays.copyOfRange(all, trainSize, all.length));
    }

    /** The characters of the training part. */
    public int trainSize() {
        return train.length;
    }

    /** The characters of the validation part. */
    public int validationSize() {
        return validation.length;
    }

    /** A copy of the training part's indices. */
    @Override
    public long[] train() {
        return train.clone();
    }

    /** A copy of the validation part's indices. */
    @Override
    public long[] validation() {
        return validation.clone();
    }

    /**
     * The identity of the text a run trains on, kept in its checkpoint so that a resume on another
     * text is refused: the character count and a CRC-32 of the code points, {@code "845215:1a2b3c4d"}.
     */
    public String fingerprint() {
        CRC32 crc = new CRC32();
        ByteBuffer b = ByteBuffer.allocate(4);
        int[] cps = vocabulary.codePoints();
        for (long[] part : new long[][] {train, validation}) {
            for (long i : part) {
                b.clear();
                b.putInt(cps[(int) i]);
                crc.update(b.array());
            }
        }
        return (train.length + validation.length) + ":" + String.format(Locale.ROOT, "%08x", crc.getValue());
    }

    /** Strict UTF-8: the first malformed or truncated sequence is an error naming its byte offset. */
    static String decode(String source, byte[] bytes) throws TextFormatException {
        int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB
                && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = decoder.decode(in, out, true);
        if (!r.isError()) r = decoder.flush(out);
        if (r.isError()) {
            int at = in.position();
            StringBuilder seen = new StringBuilder();
            for (int k = at; k < Math.min(bytes.length, at + r.length()); k++) {
                seen.append(seen.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "0x%02X", bytes[k] & 0xff));
            }
            throw new TextFormatException(source, "not valid UTF-8: " + (r.isMalformed() ? "malformed" : "unmappable")
                    + " byte" + (r.length() == 1 ? " " : "s ") + seen + " at byte offset " + at);
        }
        out.flip();
        return out.toString();
    }
}
