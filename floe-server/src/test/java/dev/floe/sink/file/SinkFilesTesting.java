package dev.floe.sink.file;

import dev.floe.sink.FileFormat;
import dev.floe.sink.FileNaming;
import dev.floe.sink.RollingPolicy;
import dev.floe.sink.SinkDefinition;
import dev.floe.sink.SinkType;
import dev.floe.sink.TimePattern;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

/** Sinks and buffered rows for the tests of file writing. */
final class SinkFilesTesting {
    static final String TABLE = "sink_rows";
    /** The first row's ingest time; rows spread over two hours, so over two days. */
    static final Instant FIRST_INGEST = Instant.parse("2026-03-31T23:00:00Z");
    static final String FIRST_DAY = "year=2026/month=03/day=31";
    static final String SECOND_DAY = "year=2026/month=04/day=01";
    static final long FIRST_OFFSET = 1000;

    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

    private SinkFilesTesting() {}

    static SinkDefinition sink(FileFormat format, String path, String timePattern, FileNaming naming) {
        return new SinkDefinition("0123456789abcdef0123456789abcdef", "events_sink", SinkType.R2, format, "events",
                path, new TimePattern(timePattern), new RollingPolicy(RollingPolicy.DEFAULT_INTERVAL_SECONDS, 0, 0), naming, null, null, CREATED, CREATED);
    }

    /**
     * Replaces {@link #TABLE} with {@code count} rows as a pipeline buffers them: output columns
     * {@code id}, {@code name} and {@code amount} (null in every fifth row), then the hidden columns.
     * Row {@code i} has offset {@code 1000 + i}; the first half was ingested on the first day, the
     * rest on the second. The rows are in offset order, as a pipeline appends them.
     */
    static void fillTable(Connection connection, int count) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE OR REPLACE TEMP TABLE " + TABLE + " AS SELECT i AS id, 'event-' || i AS name,"
                    + " CASE WHEN i % 5 = 0 THEN NULL ELSE i * 0.5 END::DOUBLE AS amount,"
                    + " " + FIRST_OFFSET + " + i AS __offset,"
                    + " TIMESTAMPTZ '" + FIRST_INGEST + "' + to_microseconds(i * 7200000000 // " + count + ") AS __ingest_ts"
                    + " FROM range(" + count + ") r(i)");
        }
    }
}
