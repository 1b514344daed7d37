package dev.floe.cli.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Prints rows as a table whose columns are as wide as their widest cell, with a header, a rule of
 * dashes under it, and two spaces between columns.
 */
public final class TablePrinter {
    private static final String COLUMN_GAP = "  ";

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    public TablePrinter(String... headers) {
        this.headers = List.of(headers);
    }

    /**
     * Adds a row; {@code null} cells print empty.
     *
     * @throws IllegalArgumentException when it has another number of cells than there are headers
     */
    public TablePrinter addRow(String... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException(
                    "a row needs " + headers.size() + " cells, got " + cells.length + ": " + Arrays.toString(cells));
        }
        rows.add(Arrays.stream(cells).map(cell -> cell == null ? "" : cell).toList());
        return this;
    }

    /** Prints the table, every line starting with {@code indent} spaces. */
    public void print(PrintWriter out, int indent) {
        int[] widths = new int[headers.size()];
        for (int column = 0; column < widths.length; column++) {
            widths[column] = headers.get(column).length();
            for (List<String> row : rows) {
                widths[column] = Math.max(widths[column], row.get(column).length());
            }
        }
        String margin = " ".repeat(indent);
        out.println(margin + line(headers, widths));
        out.println(margin + line(Arrays.stream(widths).mapToObj("-"::repeat).toList(), widths));
        for (List<String> row : rows) {
            out.println(margin + line(row, widths));
        }
    }

    private static String line(List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int column = 0; column < cells.size(); column++) {
            if (column > 0) {
                line.append(COLUMN_GAP);
            }
            String cell = cells.get(column);
            line.append(cell).append(" ".repeat(widths[column] - cell.length()));
        }
        return line.toString().stripTrailing();
    }
}
