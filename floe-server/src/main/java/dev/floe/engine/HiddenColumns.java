package dev.floe.engine;

/**
 * The columns a loaded batch has besides the stream's own: where each record came from. Pipeline
 * SQL never sees them; the runner uses them to name failed records, and sinks to stamp rows.
 */
public final class HiddenColumns {
    /** The record's offset in its stream's log, {@code BIGINT}. */
    public static final String OFFSET = "__offset";
    /** When the server accepted the record, {@code TIMESTAMP WITH TIME ZONE}. */
    public static final String INGEST_TS = "__ingest_ts";

    private HiddenColumns() {}

    /** Whether a name is one of these columns; stream fields with such names would be shadowed. */
    public static boolean isHidden(String name) {
        return OFFSET.equalsIgnoreCase(name) || INGEST_TS.equalsIgnoreCase(name);
    }
}
