package org.rnn4j.tasks.forecast;

import java.io.IOException;

/**
 * A CSV file that cannot be a forecasting series: a missing column, a cell that is not a number or
 * not a time, duplicate or unsorted timestamps, a ragged row, a series too short for the windows.
 * The message is one line naming the row and the column where they are known. Rows count the
 * CSV records as a spreadsheet shows them: the header is row 1, the first data row row 2 (blank
 * lines are skipped and not counted).
 */
public final class SeriesFormatException extends IOException {
    private final long row;
    private final String column;

    /**
     * @param row    1-based row of the file (header = 1), or 0 when the problem is not one row's
     * @param column the column's name, or null when the problem is not one column's
     */
    public SeriesFormatException(String source, long row, String column, String problem) {
        super(where(source, row, column) + problem);
        this.row = row;
        this.column = column;
    }

    /** The 1-based row of the file (header = 1), or 0. */
    public long row() {
        return row;
    }

    /** The column's name, or null. */
    public String column() {
        return column;
    }

    private static String where(String source, long row, String column) {
        StringBuilder sb = new StringBuilder();
        if (source != null && !source.isEmpty()) sb.append(source).append(": ");
        if (row > 0) sb.append("row ").append(row);
        if (column != null) sb.append(row > 0 ? ", " : "").append("column '").append(column).append('\'');
        if (row > 0 || column != null) sb.append(": ");
        return sb.toString();
    }
}
