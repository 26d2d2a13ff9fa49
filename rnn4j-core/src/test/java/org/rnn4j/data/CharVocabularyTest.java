package org.rnn4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rnn4j.tensor.DType;
import org.rnn4j.tensor.Tensor;

/** CharVocabulary: sorted distinct code points, round trips beyond the BMP, unknown characters listed. */
class CharVocabularyTest {
    @Test
    void theSortedDistinctCodePointsOfTheText() {
        CharVocabulary v = CharVocabulary.of("hello, world");
        assertArrayEquals(" ,dehlorw".codePoints().toArray(), v.codePoints());
        assertEquals(9, v.size());
        assertArrayEquals(new long[] {4, 3, 5, 5, 6}, v.encodeToArray("hello"));
        assertEquals(3, v.indexOf('e'));
        assertEquals(-1, v.indexOf('z'));
        assertEquals('w', v.codePointAt(8));
    }

    @Test
    void codePointsBeyondTheBasicPlaneAreOneCharacter() {
        String text = "a\uD83D\uDE00é\u00e9b😀\n"; // U+1F600 twice, é twice
        CharVocabulary v = CharVocabulary.of(text);
        assertArrayEquals(new int[] {'\n', 'a', 'b', 0xE9, 0x1F600}, v.codePoints());
        Tensor ids = v.encode(text);
        assertEquals(DType.INT64, ids.dtype());
        assertArrayEquals(new int[] {7}, ids.shape());
        assertArrayEquals(new long[] {1, 4, 3, 3, 2, 4, 0}, ids.toLongArray());
        assertEquals(text, v.decode(ids));
        assertEquals(text, v.decode(v.encodeToArray(text)));
        assertEquals("ab", v.decode(Tensor.ofLongs(new long[] {1, 2}, 1, 2)));
    }

    @Test
    void unknownCharactersAreListedOnce() {
        CharVocabulary v = CharVocabulary.of("abc");
        String m = assertThrows(IllegalArgumentException.class, () -> v.encode("abxcyx\t")).getMessage();
        assertTrue(m.contains("3 characters are not in the vocabulary of 3"), m);
        assertTrue(m.contains("'x' (U+0078), 'y' (U+0079), U+0009"), m);
        StringBuilder many = new StringBuilder();
        for (char c = 'A'; c <= 'Z'; c++) many.append(c);
        m = assertThrows(IllegalArgumentException.class, () -> v.encodeToArray(many.toString())).getMessage();
        assertTrue(m.contains("26 characters") && m.contains("'T' (U+0054), and 6 more"), m);
    }

    @Test
    void rebuiltFromItsCodePoints() {
        CharVocabulary v = CharVocabulary.of("the quick brown fox");
        assertEquals(v, CharVocabulary.ofCodePoints(v.codePoints()));
        assertEquals(v.hashCode(), CharVocabulary.ofCodePoints(v.codePoints()).hashCode());
        assertEquals(0, CharVocabulary.of("").size());
    }

    @Test
    void badInput() {
        CharVocabulary v = CharVocabulary.of("ab");
        String m = assertThrows(IllegalArgumentException.class, () -> v.decode(new long[] {0, 2})).getMessage();
        assertTrue(m.contains("index 2 at position 1") && m.contains("size 2"), m);
        assertThrows(IllegalArgumentException.class, () -> v.decode(new long[] {-1}));
        assertThrows(IllegalArgumentException.class, () -> v.decode(Tensor.zeros(2)));
        assertThrows(IllegalArgumentException.class, () -> v.codePointAt(2));
        m = assertThrows(IllegalArgumentException.class, () -> CharVocabulary.ofCodePoints(new int[] {98, 97}))
                .getMessage();
        assertTrue(m.contains("strictly increasing") && m.contains("98 then 97"), m);
        assertThrows(IllegalArgumentException.class, () -> CharVocabulary.ofCodePoints(new int[] {0x110000}));
        assertThrows(IllegalArgumentException.class, () -> CharVocabulary.of(null));
    }
}
