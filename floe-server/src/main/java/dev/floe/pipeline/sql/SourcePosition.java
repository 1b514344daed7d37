package dev.floe.pipeline.sql;

/**
 * A place in a pipeline's SQL text.
 *
 * @param line   1-based
 * @param column 1-based, in characters
 */
public record SourcePosition(int line, int column) {

    @Override
    public String toString() {
        return "line " + line + ", column " + column;
    }
}
