package org.rnn4j.tasks.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextCorpusTest {
    @TempDir
    Path tmp;

    @Test
    void theFirstNinetyPercentTrainsAndTheVocabularyIsTheSortedCodePoints() throws Exception {
        String text = "ba\u00e9\ud83d\ude00".repeat(24); // 96 code points (the emoji is one), 4 distinct
        TextCorpus c = TextCorpus.of("t", text);
        assertArrayEquals(new int[] {'a', 'b', 0xE9, 0x1F600}, c.vocabulary().codePoints());
        assertEquals(86, c.trainSize()); // floor(0.9 * 96)
        assertEquals(10, c.validationSize());
        assertArrayEquals(new long[] {1, 0, 2, 3, 1, 0}, java.util.Arrays.copyOf(c.train(), 6));
        assertEquals(c.vocabulary().decode(c.validation()), text.substring(text.offsetByCodePoints(0, 86)));
    }

    @Test
    void aFileIsReadAsStrictUtf8WithoutItsByteOrderMark() throws Exception {
        Path f = tmp.resolve("bom.txt");
        byte[] body = "x".repeat(20).getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        Files.write(f, withBom);
        TextCorpus c = TextCorpus.read(f);
        assertEquals(1, c.vocabulary().size());
        assertEquals(20, c.trainSize() + c.validationSize());
    }

    @Test
    void invalidUtf8NamesTheByteOffset() throws Exception {
        assertBad(new byte[] {'a', 'b', (byte) 0xC3, (byte) 0xA9, 'c', (byte) 0xFF, 'd'}, "malformed byte 0xFF at byte offset 5");
        assertBad(new byte[] {'a', (byte) 0xC0, (byte) 0xAF, 'b'}, "at byte offset 1"); // overlong '/'
        assertBad(new byte[] {'a', 'b', 'c', (byte) 0xE2, (byte) 0x82}, "at byte offset 3"); // cut short at the end
        assertBad(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, "at byte offset 0"); // an encoded surrogate
    }

    private void assertBad(byte[] bytes, String expected) throws Exception {
        Path f = tmp.resolve("bad.txt");
        Files.write(f, bytes);
        TextFormatException e = assertThrows(TextFormatException.class, () -> TextCorpus.read(f));
        assertTrue(e.getMessage().startsWith(f + ": not valid UTF-8: "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void anEmptyOrTooShortTextIsRefused() throws Exception {
        Path f = tmp.resolve("empty.txt");
        Files.write(f, new byte[0]);
        assertEquals(f + ": the text is empty", assertThrows(TextFormatException.class, () -> TextCorpus.read(f)).getMessage());
        TextFormatException e = assertThrows(TextFormatException.class, () -> TextCorpus.of("s", "abcdefghij"));
        assertTrue(e.getMessage().startsWith("s: the text has only 10 characters"), e.getMessage());
        assertEquals(2, TextCorpus.of("s", "abcdefghijk").validationSize());
    }

    @Test
    void theFingerprintTellsTextsApart() throws Exception {
        String a = TextFixtures.text(500);
        assertEquals(TextCorpus.of("a", a).fingerprint(), TextCorpus.of("b", a).fingerprint());
        assertTrue(TextCorpus.of("a", a).fingerprint().startsWith("500:"));
        String b = a.substring(0, 250) + (a.charAt(250) == 'e' ? 'a' : 'e') + a.substring(251);
        assertNotEquals(TextCorpus.of("a", a).fingerprint(), TextCorpus.of("a", b).fingerprint());
    }
}
