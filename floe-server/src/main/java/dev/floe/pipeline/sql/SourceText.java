package dev.floe.pipeline.sql;

import java.util.Arrays;

/** The text of a pipeline's SQL, with the line and column of every offset in it. */
final class SourceText {
    private final String text;
    private final int[] lineStarts;

    SourceText(String text) {
        this.text = text;
        int[] starts = new int[16];
        int count = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = i + 1;
            }
        }
        this.lineStarts = Arrays.copyOf(starts, count);
    }

    String text() {
        return text;
    }

    /** The 1-based line and column of a character offset. */
    SourcePosition position(int offset) {
        int line = Arrays.binarySearch(lineStarts, offset);
        if (line < 0) {
            line = -line - 2;
        }
        return new SourcePosition(line + 1, offset - lineStarts[line] + 1);
    }

    /** "line L, column C", the way error messages start. */
    String describe(int offset) {
        return position(offset).toString();
    }
}
