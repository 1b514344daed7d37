package dev.floe.cli.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Prints {@code Label:  value} lines with the values lined up in one column. */
public final class LabelledValues {
    private record Entry(String label, String value) {
    }

    private final List<Entry> entries = new ArrayList<>();

    /** Adds a line; a {@code null} value prints as {@code -}. */
    public LabelledValues add(String label, String value) {
        entries.add(new Entry(label + ":", value == null ? "-" : value));
        return this;
    }

    /** Prints the lines, each starting with {@code indent} spaces. */
    public void print(PrintWriter out, int indent) {
        int width = entries.stream().mapToInt(entry -> entry.label().length()).max().orElse(0);
        String margin = " ".repeat(indent);
        for (Entry entry : entries) {
            out.println(margin + entry.label() + " ".repeat(width - entry.label().length() + 2) + entry.value());
        }
    }
}
