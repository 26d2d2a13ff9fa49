package org.rnn4j.tasks.forecast;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * The regular grid a series lives on: point {@code k} is at ordinal {@code start + k * step}, where
 * an ordinal counts months ({@link Kind#MONTH}), days ({@link Kind#DATE}), seconds
 * ({@link Kind#DATE_TIME}) or plain integers ({@link Kind#INDEX}, {@link Kind#ROW}). It labels the
 * points in the input's own format, also past the end (the times of a forecast), and names the
 * frequency with its usual season.
 *
 * @param dayOfMonth {@link Kind#MONTH} read from dates: their common day of month, -1 for month
 *                   ends, 0 for {@code yyyy-MM} cells
 * @param offset     {@link Kind#DATE_TIME}: the zone offset the input carried, or null for local times
 */
public record TimeAxis(Kind kind, long start, long step, int dayOfMonth, ZoneOffset offset) {
    /** How the time column was written. */
    public enum Kind {
        /** No time column: the row order, 0, 1, 2, ... */
        ROW,
        /** Integers (an index or a year number). */
        INDEX,
        /** {@code yyyy-MM}, or ISO dates a whole number of months apart. */
        MONTH,
        /** ISO dates ({@code yyyy-MM-dd}). */
        DATE,
        /** ISO date-times, local or with an offset. */
        DATE_TIME
    }

    public TimeAxis {
        if (kind == null) throw new IllegalArgumentException("TimeAxis: kind must not be null");
        if (step <= 0) throw new IllegalArgumentException("TimeAxis: step must be > 0, got " + step);
    }

    /** The axis of a series without a time column. */
    public static TimeAxis rows() {
        return new TimeAxis(Kind.ROW, 0, 1, 0, null);
    }

    /** The ordinal of point {@code k}. */
    public long ordinal(long k) {
        return start + k * step;
    }

    /** The time of point {@code k} (any k, also past the end) in the input's format. */
    public String label(long k) {
        long o = ordinal(k);
        return switch (kind) {
            case ROW, INDEX -> Long.toString(o);
            case DATE -> LocalDate.ofEpochDay(o).toString();
            case MONTH -> monthLabel(o);
            case DATE_TIME -> offset == null ? LocalDateTime.ofEpochSecond(o, 0, ZoneOffset.UTC).toString()
                    : Instant.ofEpochSecond(o).atOffset(offset).toString();
        };
    }

    private String monthLabel(long o) {
        YearMonth ym = YearMonth.of((int) Math.floorDiv(o, 12), (int) Math.floorMod(o, 12) + 1);
        if (dayOfMonth == 0) return ym.toString();
        return (dayOfMonth < 0 ? ym.atEndOfMonth() : ym.atDay(Math.min(dayOfMonth, ym.lengthOfMonth()))).toString();
    }

    /** A name for the spacing: "monthly", "daily", "hourly", "every 5 days", ... */
    public String frequency() {
        return switch (kind) {
            case ROW, INDEX -> step == 1 ? "index" : "index step " + step;
            case MONTH -> step == 1 ? "monthly" : step == 3 ? "quarterly" : step == 12 ? "yearly"
                    : "every " + step + " months";
            case DATE -> step == 1 ? "daily" : step == 7 ? "weekly" : "every " + step + " days";
            case DATE_TIME -> secondsName(step);
        };
    }

    private static String secondsName(long s) {
        if (s == 86_400) return "daily";
        if (s == 604_800) return "weekly";
        if (s == 3_600) return "hourly";
        if (s == 1_800) return "half-hourly";
        if (s % 3_600 == 0) return "every " + s / 3_600 + " hours";
        if (s % 60 == 0) return "every " + s / 60 + " minutes";
        return "every " + s + " seconds";
    }

    /**
     * The season the frequency implies (hourly 24, daily 7, weekly 52, monthly 12, quarterly 4,
     * half-hourly 48, quarter-hourly 96), or 1 when it implies none (yearly, an index, other steps).
     */
    public int seasonFromFrequency() {
        return switch (kind) {
            case ROW, INDEX -> 1;
            case MONTH -> step == 1 ? 12 : step == 3 ? 4 : 1;
            case DATE -> step == 1 ? 7 : step == 7 ? 52 : 1;
            case DATE_TIME -> step == 3_600 ? 24 : step == 86_400 ? 7 : step == 604_800 ? 52
                    : step == 1_800 ? 48 : step == 900 ? 96 : 1;
        };
    }
}
