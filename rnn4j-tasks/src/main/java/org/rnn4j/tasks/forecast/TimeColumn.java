package org.rnn4j.tasks.forecast;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.regex.Pattern;

/**
 * Reads a time column with {@code java.time}: integers, ISO {@code yyyy-MM}, ISO dates or ISO
 * date-times (local, or with an offset or {@code Z}; a space may stand for the {@code T}). The
 * first cell decides the format and every other cell must share it. Finds the grid step (the
 * smallest spacing) and each row's place on it, so that skipped times become gaps to fill.
 * Rejects duplicate, unsorted and off-grid times with the row that shows it.
 */
public final class TimeColumn {
    /** Each row's place on the grid ({@code positions[i]} of data row i) and the axis. */
    public record Parsed(TimeAxis axis, int[] positions, int length) {}

    /** Larger grids than this are refused: a typo in one time must not allocate gigabytes. */
    static final long MAX_POINTS = 20_000_000L;

    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,18}");
    private static final Pattern YEAR_MONTH = Pattern.compile("\\d{4}-\\d{2}");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private TimeColumn() {}

    /**
     * Parses {@code cells} (data rows in file order; row i is file row {@code i + 2}).
     *
     * @throws SeriesFormatException naming the row and column of the first bad cell
     */
    public static Parsed parse(String source, String column, String[] cells) throws SeriesFormatException {
        int n = cells.length;
        if (n == 0) throw new SeriesFormatException(source, 0, column, "the file has no data rows");
        TimeAxis.Kind kind = kindOf(cells[0]);
        if (kind == null) {
            throw new SeriesFormatException(source, 2, column, "'" + shorten(cells[0]) + "' is not a time: expected"
                    + " an integer, an ISO date (2024-01-31), month (2024-01) or date-time (2024-01-31T13:00)");
        }
        long[] ord = new long[n];
        ZoneOffset offset = null;
        for (int i = 0; i < n; i++) {
            String s = cells[i].strip();
            try {
                ord[i] = switch (kind) {
                    case INDEX -> INTEGER.matcher(s).matches() ? Long.parseLong(s) : fail();
                    case MONTH -> YEAR_MONTH.matcher(s).matches() ? months(YearMonth.parse(s)) : fail();
                    case DATE -> DATE.matcher(s).matches() ? LocalDate.parse(s).toEpochDay() : fail();
                    case DATE_TIME -> {
                        OffsetDateTime odt = dateTime(s);
                        if (i == 0) offset = hasOffset(s) ? odt.getOffset() : null;
                        else if ((offset != null) != hasOffset(s)) fail();
                        yield odt.toEpochSecond();
                    }
                    case ROW -> fail();
                };
            } catch (DateTimeException | NumberFormatException e) {
                throw notLike(source, column, i, cells, kind);
            }
        }
        checkAscending(source, column, cells, ord);
        int dayOfMonth = 0;
        if (kind == TimeAxis.Kind.DATE && n > 1 && monthly(ord)) {
            dayOfMonth = commonDay(ord);
            for (int i = 0; i < n; i++) ord[i] = months(YearMonth.from(LocalDate.ofEpochDay(ord[i])));
            kind = TimeAxis.Kind.MONTH;
        }
        return grid(source, column, cells, ord, new TimeAxis(kind, ord[0], step(ord), dayOfMonth, offset));
    }

    private static Parsed grid(String source, String column, String[] cells, long[] ord, TimeAxis axis)
            throws SeriesFormatException {
        int n = ord.length;
        int[] pos = new int[n];
        long limit = Math.min(MAX_POINTS, Math.max(4L * n, n + 1_000L));
        for (int i = 0; i < n; i++) {
            long d = ord[i] - ord[0];
            if (d % axis.step() != 0) {
                throw new SeriesFormatException(source, i + 2, column, cells[i].strip() + " is not on the grid of "
                        + axis.frequency() + " times that starts at " + cells[0].strip()
                        + " (times must be evenly spaced; skipped times are filled in)");
            }
            long k = d / axis.step();
            if (k >= limit) {
                throw new SeriesFormatException(source, i + 2, column, cells[i].strip() + " leaves " + (k - i)
                        + " missing " + axis.frequency() + " points before it, more than the " + n
                        + " rows can fill in");
            }
            pos[i] = (int) k;
        }
        return new Parsed(axis, pos, pos[n - 1] + 1);
    }

    private static void checkAscending(String source, String column, String[] cells, long[] ord)
            throws SeriesFormatException {
        for (int i = 1; i < ord.length; i++) {
            if (ord[i] == ord[i - 1]) {
                throw new SeriesFormatException(source, i + 2, column, "duplicate time " + cells[i].strip()
                        + " (also in row " + (i + 1) + ")");
            }
            if (ord[i] < ord[i - 1]) {
                throw new SeriesFormatException(source, i + 2, column, cells[i].strip() + " comes before "
                        + cells[i - 1].strip() + " of row " + (i + 1) + ": times must be in ascending order");
            }
        }
    }

    /** The smallest spacing (ordinals are strictly ascending). */
    private static long step(long[] ord) {
        long step = Long.MAX_VALUE;
        for (int i = 1; i < ord.length; i++) step = Math.min(step, ord[i] - ord[i - 1]);
        return ord.length < 2 ? 1 : step;
    }

    /** Whether sorted dates are all on one day of the month (or all month ends) and 28+ days apart. */
    private static boolean monthly(long[] days) {
        for (int i = 1; i < days.length; i++) if (days[i] - days[i - 1] < 28) return false;
        return commonDay(days) != 0;
    }

    /** The day of month all dates share, -1 if all are month ends, else 0. */
    private static int commonDay(long[] days) {
        boolean allEnds = true;
        int day = LocalDate.ofEpochDay(days[0]).getDayOfMonth();
        boolean same = day <= 28;
        for (long d : days) {
            LocalDate x = LocalDate.ofEpochDay(d);
            allEnds &= x.getDayOfMonth() == x.lengthOfMonth();
            same &= x.getDayOfMonth() == day;
        }
        return same ? day : allEnds ? -1 : 0;
    }

    private static TimeAxis.Kind kindOf(String cell) {
        String s = cell.strip();
        if (INTEGER.matcher(s).matches()) return TimeAxis.Kind.INDEX;
        if (YEAR_MONTH.matcher(s).matches()) return TimeAxis.Kind.MONTH;
        if (DATE.matcher(s).matches()) return TimeAxis.Kind.DATE;
        try {
            dateTime(s);
            return TimeAxis.Kind.DATE_TIME;
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static OffsetDateTime dateTime(String s) {
        String iso = s.length() > 10 && s.charAt(10) == ' ' ? s.substring(0, 10) + 'T' + s.substring(11) : s;
        if (hasOffset(iso)) return OffsetDateTime.parse(iso);
        return LocalDateTime.parse(iso).atOffset(ZoneOffset.UTC);
    }

    /** Whether an ISO date-time carries an offset: Z, or +hh:mm / -hh:mm after the time. */
    private static boolean hasOffset(String s) {
        if (s.endsWith("Z") || s.endsWith("z")) return true;
        int t = Math.max(s.indexOf('T'), s.indexOf(' '));
        return t > 0 && (s.indexOf('+', t) > 0 || s.indexOf('-', t) > 0);
    }

    private static long months(YearMonth ym) {
        return ym.getYear() * 12L + ym.getMonthValue() - 1;
    }

    private static long fail() {
        throw new DateTimeException("format");
    }

    private static SeriesFormatException notLike(String source, String column, int i, String[] cells,
                                                 TimeAxis.Kind kind) {
        String what = switch (kind) {
            case INDEX -> "an integer";
            case MONTH -> "a month (yyyy-MM)";
            case DATE -> "a date (yyyy-MM-dd)";
            default -> "a date-time";
        };
        return new SeriesFormatException(source, i + 2, column, "'" + shorten(cells[i]) + "' is not " + what
                + " like row 2's " + shorten(cells[0].strip()));
    }

    static String shorten(String s) {
        String t = s.strip().replaceAll("\\p{Cntrl}", "?");
        return t.length() <= 40 ? t : t.substring(0, 37) + "...";
    }
}
