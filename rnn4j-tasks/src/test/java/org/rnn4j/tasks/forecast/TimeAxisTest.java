package org.rnn4j.tasks.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TimeAxisTest {
    private static TimeColumn.Parsed parse(String... cells) throws SeriesFormatException {
        return TimeColumn.parse("t.csv", "t", cells);
    }

    @Test
    void monthEndDatesAreMonthlyAndLabelledAsMonthEnds() throws Exception {
        TimeAxis a = parse("2023-11-30", "2023-12-31", "2024-01-31").axis();
        assertEquals("monthly", a.frequency());
        assertEquals(12, a.seasonFromFrequency());
        assertEquals("2024-02-29", a.label(3));
    }

    @Test
    void quarterlyFirstDaysAndYearly() throws Exception {
        TimeAxis q = parse("2020-01-01", "2020-04-01", "2020-07-01").axis();
        assertEquals("quarterly", q.frequency());
        assertEquals(4, q.seasonFromFrequency());
        assertEquals("2020-10-01", q.label(3));
        TimeAxis y = parse("2001-06", "2002-06").axis();
        assertEquals("yearly", y.frequency());
        assertEquals(1, y.seasonFromFrequency());
    }

    @Test
    void weeklyDatesAndOffsetDateTimes() throws Exception {
        TimeAxis w = parse("2024-01-06", "2024-01-13").axis();
        assertEquals("weekly", w.frequency());
        assertEquals(52, w.seasonFromFrequency());
        TimeColumn.Parsed h = parse("2024-03-01T10:00:00Z", "2024-03-01T11:00:00Z", "2024-03-01T13:00:00Z");
        assertEquals("hourly", h.axis().frequency());
        assertEquals(4, h.length(), "10:00, 11:00, (12:00 filled in), 13:00");
        assertEquals("2024-03-01T14:00Z", h.axis().label(4));
        TimeAxis half = parse("2024-03-01 00:00", "2024-03-01 00:30").axis();
        assertEquals("half-hourly", half.frequency());
        assertEquals(48, half.seasonFromFrequency());
    }

    @Test
    void integersKeepTheirStep() throws Exception {
        TimeColumn.Parsed p = parse("1700", "1705", "1715");
        assertEquals("index step 5", p.axis().frequency());
        assertEquals(4, p.length());
        assertEquals(3, p.positions()[2]);
        assertEquals("1720", p.axis().label(4));
    }
}
