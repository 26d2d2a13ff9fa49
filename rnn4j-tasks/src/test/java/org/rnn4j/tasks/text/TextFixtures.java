package org.rnn4j.tasks.text;

import org.rnn4j.nn.CellType;

/** Small texts and options shared by the text tests. */
final class TextFixtures {
    private TextFixtures() {}

    /** {@code n} characters of pseudo-English from a fixed word list (deterministic). */
    static String text(int n) {
        String[] words = {"the", "earth", "was", "without", "form", "and", "void", "darkness", "upon", "face",
            "of", "deep", "spirit", "moved", "waters", "light", "day", "night", "God", "said"};
        StringBuilder sb = new StringBuilder();
        long s = 12345;
        while (sb.length() < n) {
            s = (s * 6364136223846793005L + 1442695040888963407L);
            sb.append(words[(int) ((s >>> 33) % words.length)]);
            sb.append((s >>> 20) % 9 == 0 ? ".\n" : " ");
        }
        return sb.substring(0, n);
    }

    /** A small fast model and protocol. */
    static TextOptions small(CellType cell) {
        return TextOptions.options().cell(cell).embed(8).hidden(16).layers(2).batch(4).seq(10).steps(12).lr(0.01)
                .clip(1.0).evalEvery(5).checkpointEvery(4);
    }
}
