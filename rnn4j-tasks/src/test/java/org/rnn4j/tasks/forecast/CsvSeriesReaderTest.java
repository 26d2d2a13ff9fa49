package org.rnn4j.tasks.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvSeriesReaderTest {
    static Series read(String csv, SeriesSpec spec) throws SeriesFormatException {
        return CsvSeriesReader.read("t.csv", csv.getBytes(StandardCharsets.UTF_8), spec);
    }

    static SeriesFormatException fails(String csv, SeriesSpec spec) {
        return assertThrows(SeriesFormatException.class, () -> read(csv, spec));
    }

    @Test
    void monthsWithAFeatureAndTheFirstColumnAsTime() throws Exception {
        Series s = read("month,sales,price\n2020-01,10,1.5\n2020-02,12,1.25\n2020-03,11,2\n",
                new SeriesSpec(null, "sales", List.of("price")));
        assertEquals("month", s.timeColumn());
        assertEquals(TimeAxis.Kind.MONTH, s.axis().kind());
        assertEquals("monthly", s.axis().frequency());
        assertArrayEquals(new double[] {10, 12, 11}, s.target());
        assertArrayEquals(new double[] {1.5, 1.25, 2}, s.features()[0]);
        assertEquals("2020-04", s.axis().label(3));
        assertEquals(0, s.filled());
    }

    @Test
    void skippedTimesAndEmptyCellsAreInterpolatedAndCounted() throws Exception {
        // 2020-01-03 is missing (a skipped day) and the 2020-01-05 cell is empty.
        Series s = read("date,y\n2020-01-01,1\n2020-01-02,2\n2020-01-04,4\n2020-01-05,\n2020-01-06,10\n",
                SeriesSpec.of("y"));
        assertArrayEquals(new double[] {1, 2, 3, 4, 7, 10}, s.target(), 1e-12);
        assertArrayEquals(new boolean[] {true, true, false, true, false, true}, s.observed());
        assertEquals(2, s.filled());
        assertEquals(1, s.gapPoints());
        assertEquals("daily", s.axis().frequency());
    }

    @Test
    void leadingAndTrailingGapsTakeTheNearestValue() throws Exception {
        Series s = read("t,y\n1,NA\n2,5\n3,7\n4,nan\n", SeriesSpec.of("y"));
        assertArrayEquals(new double[] {5, 5, 7, 7}, s.target(), 0);
        assertEquals(2, s.filled());
    }

    @Test
    void bomCrlfAndQuotedCommas() throws Exception {
        String csv = "\uFEFF\"time\",\"label\",y\r\n2021-06-01T00:00,\"a, b\",1\r\n2021-06-01T01:00,\"c\"\"d\",2\r\n";
        Series s = read(csv, new SeriesSpec("time", "y", List.of()));
        assertArrayEquals(new double[] {1, 2}, s.target(), 0);
        assertEquals("hourly", s.axis().frequency());
        assertEquals(24, s.axis().seasonFromFrequency());
        assertEquals("2021-06-01T02:00", s.axis().label(2));
    }

    @Test
    void withoutATimeColumnTheRowOrderIsTheTime() throws Exception {
        Series s = read("y,x\n3,1\n4,2\n", new SeriesSpec(null, "y", List.of("x")));
        assertNull(s.timeColumn());
        assertEquals(TimeAxis.Kind.ROW, s.axis().kind());
        assertEquals("2", s.axis().label(2));
    }

    @Test
    void duplicateTimeNamesRowAndColumn() {
        SeriesFormatException e = fails("date,y\n2020-01-01,1\n2020-01-02,2\n2020-01-02,3\n", SeriesSpec.of("y"));
        assertEquals(4, e.row());
        assertEquals("date", e.column());
        assertTrue(e.getMessage().startsWith("t.csv: row 4, column 'date': duplicate time 2020-01-02 (also in row 3)"),
                e.getMessage());
    }

    @Test
    void unsortedTimeNamesRowAndColumn() {
        SeriesFormatException e = fails("t,y\n1,1\n3,2\n2,3\n", SeriesSpec.of("y"));
        assertEquals(4, e.row());
        assertEquals("t", e.column());
        assertTrue(e.getMessage().contains("ascending"), e.getMessage());
    }

    @Test
    void nonNumericCellNamesRowAndColumn() {
        SeriesFormatException e = fails("t,y,x\n1,1,0\n2,abc,0\n", new SeriesSpec(null, "y", List.of("x")));
        assertEquals(3, e.row());
        assertEquals("y", e.column());
        assertEquals("t.csv: row 3, column 'y': 'abc' is not a number", e.getMessage());
    }

    @Test
    void lenientJavaNumberSyntaxIsRejected() {
        for (String cell : List.of("1d", "0x1p3", "Infinity", "1e999", "1,5")) {
            assertThrows(SeriesFormatException.class, () -> read("t,y\n1,\"" + cell + "\"\n", SeriesSpec.of("y")), cell);
        }
    }

    @Test
    void missingColumnNamesTheHeaderRow() {
        SeriesFormatException e = fails("t,y\n1,1\n", SeriesSpec.of("sales"));
        assertEquals(1, e.row());
        assertEquals("sales", e.column());
        assertTrue(e.getMessage().contains("no such column (the header has 't', 'y')"), e.getMessage());
    }

    @Test
    void raggedRowNamesTheRow() {
        SeriesFormatException e = fails("t,y\n1,1\n2\n", SeriesSpec.of("y"));
        assertEquals(3, e.row());
        assertTrue(e.getMessage().contains("has 1 fields but the header has 2"), e.getMessage());
    }

    @Test
    void emptyFilesAndHeaderOnly() {
        assertTrue(fails("", SeriesSpec.of("y")).getMessage().contains("empty"));
        assertTrue(fails("\uFEFF\r\n", SeriesSpec.of("y")).getMessage().contains("empty"));
        assertTrue(fails("t,y\n", SeriesSpec.of("y")).getMessage().contains("no data rows"));
    }

    @Test
    void aColumnWithoutNumbers() {
        SeriesFormatException e = fails("t,y\n1,\n2,NA\n", SeriesSpec.of("y"));
        assertEquals("y", e.column());
        assertTrue(e.getMessage().contains("no numeric value"), e.getMessage());
    }

    @Test
    void unclosedQuoteAndInvalidUtf8AreCleanErrors() {
        assertTrue(fails("t,y\n1,\"2\n", SeriesSpec.of("y")).getMessage().contains("malformed CSV"));
        SeriesFormatException e = assertThrows(SeriesFormatException.class, () -> CsvSeriesReader.read("b.csv",
                new byte[] {'t', ',', 'y', '\n', (byte) 0xC3, '\n'}, SeriesSpec.of("y")));
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
    }

    @Test
    void offGridAndHugeGapsAreRefused() throws Exception {
        Series oneGap = read("t,y\n0,1\n2,2\n3,3\n", SeriesSpec.of("y"));
        assertEquals(4, oneGap.length());
        assertEquals(1, oneGap.gapPoints());
        SeriesFormatException offGrid = fails("date,y\n2020-01-01,1\n2020-01-03,2\n2020-01-06,3\n", SeriesSpec.of("y"));
        assertEquals(4, offGrid.row());
        assertTrue(offGrid.getMessage().contains("not on the grid"), offGrid.getMessage());
        SeriesFormatException huge = fails("t,y\n0,1\n1,2\n999999999,3\n", SeriesSpec.of("y"));
        assertEquals(4, huge.row());
    }

    @Test
    void timeCellsMustShareTheFirstRowsFormat() {
        SeriesFormatException e = fails("t,y\n2020-01-01,1\n2020-01-02T00:00,2\n", SeriesSpec.of("y"));
        assertEquals(3, e.row());
        assertEquals("t", e.column());
        assertTrue(e.getMessage().contains("is not a date"), e.getMessage());
        assertEquals(2, fails("t,y\nyesterday,1\n", SeriesSpec.of("y")).row());
    }
}
