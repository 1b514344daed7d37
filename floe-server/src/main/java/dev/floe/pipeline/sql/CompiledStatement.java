package dev.floe.pipeline.sql;

import java.util.List;
import java.util.Locale;

/**
 * One {@code INSERT INTO <sink> SELECT …} of a pipeline, ready to run.
 *
 * @param sink         the sink it writes to
 * @param stream       the stream it reads
 * @param outputSchema the columns it writes, in order
 * @param sql          the DuckDB SELECT to run: it reads the batch from a relation named
 *                     {@link #INPUT_RELATION} that has the stream's columns and the hidden ones, and
 *                     returns the output columns followed by {@code __offset} and {@code __ingest_ts}
 *                     of the event each row came from
 * @param position     where the statement starts in the pipeline's text
 */
public record CompiledStatement(
        String sink, String stream, List<OutputColumn> outputSchema, String sql, SourcePosition position) {

    /** The relation {@link #sql} reads the batch from; the runner points it at a loaded batch. */
    public static final String INPUT_RELATION = "floe_input";

    public CompiledStatement {
        outputSchema = List.copyOf(outputSchema);
    }

    /**
     * Whether each event gives at most one row, so that the rows of a batch count the events that gave
     * rows. Only {@code unnest} makes more of one event in a stateless query; the answer is
     * conservative, false wherever the word appears.
     */
    public boolean atMostOneRowPerEvent() {
        return !sql.toLowerCase(Locale.ROOT).contains("unnest");
    }
}
