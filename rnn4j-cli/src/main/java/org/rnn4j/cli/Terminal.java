package org.rnn4j.cli;

/**
 * What the launcher tells the JVM about the terminal: {@code -Drnn4j.stderr.tty=true|false} and
 * {@code -Drnn4j.columns=N} (it pipes stderr through a filter, so the JVM cannot see for itself).
 * Without the launcher, {@link System#console()} is the best guess.
 */
final class Terminal {
    private Terminal() {}

    static boolean stderrIsTerminal() {
        String told = System.getProperty("rnn4j.stderr.tty");
        if (told != null) return Boolean.parseBoolean(told);
        return System.console() != null;
    }

    static int columns() {
        for (String s : new String[] {System.getProperty("rnn4j.columns"), System.getenv("COLUMNS")}) {
            if (s == null) continue;
            try {
                int n = Integer.parseInt(s.strip());
                if (n > 0) return n;
            } catch (NumberFormatException ignored) {
                // fall through to the default
            }
        }
        return 100;
    }
}
