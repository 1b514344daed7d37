package dev.floe.engine;

import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import dev.floe.stream.log.LogRecord;
import dev.floe.stream.schema.SchemaField;
import dev.floe.stream.schema.StreamSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads batches of one stream's log records into DuckDB tables typed by the stream's schema, with the
 * {@link HiddenColumns} after the stream's columns.
 *
 * <p>The records are written to a newline-delimited JSON file in the engine's work directory and read
 * with DuckDB's parallel JSON reader, told each column's type so that it infers nothing; the file is
 * deleted once read. The SQL is built once per schema.
 */
public final class BatchLoader {
    /** The largest record the reader accepts; ingest refuses requests far smaller than this. */
    private static final long MAX_RECORD_BYTES = 64L << 20;

    private final Path scratchDirectory;
    private final boolean unstructured;
    private final List<StreamColumns.Column> columns;
    private final String readColumns;
    private final String selectList;

    /**
     * @param schema           the stream's schema, or {@code null} for an unstructured stream
     * @param scratchDirectory where batch files are written; must be inside the engine's work directory
     */
    public BatchLoader(StreamSchema schema, Path scratchDirectory) {
        this.scratchDirectory = scratchDirectory;
        this.unstructured = schema == null;
        this.columns = StreamColumns.of(schema);
        List<String> reads = new ArrayList<>();
        List<String> selects = new ArrayList<>();
        if (unstructured) {
            reads.add(readColumn(StreamColumns.UNSTRUCTURED_VALUE, "JSON"));
            selects.add(SqlLiterals.identifier(StreamColumns.UNSTRUCTURED_VALUE));
        } else {
            for (SchemaField field : schema.fields()) {
                reads.add(readColumn(field.name(), FieldDecoder.readType(field)));
                selects.add(FieldDecoder.decode(field, SqlLiterals.identifier(field.name())) + " AS "
                        + SqlLiterals.identifier(DuckDbTypes.columnName(field)));
            }
        }
        reads.add(readColumn(NdjsonBatchFile.OFFSET_KEY, "BIGINT"));
        reads.add(readColumn(NdjsonBatchFile.INGEST_TIME_KEY, "BIGINT"));
        selects.add(SqlLiterals.identifier(NdjsonBatchFile.OFFSET_KEY) + " AS " + HiddenColumns.OFFSET);
        selects.add("CAST(make_timestamp(" + SqlLiterals.identifier(NdjsonBatchFile.INGEST_TIME_KEY)
                + " * 1000) AS TIMESTAMP WITH TIME ZONE) AS " + HiddenColumns.INGEST_TS);
        this.readColumns = String.join(", ", reads);
        this.selectList = String.join(", ", selects);
    }

    private static String readColumn(String key, String type) {
        return SqlLiterals.string(key) + ": " + SqlLiterals.string(type);
    }

    /**
     * Replaces {@code table}, a temporary table of the connection, with the records, in their order.
     *
     * @return the number of rows loaded
     */
    public long load(Connection connection, List<LogRecord> records, String table) {
        String target = SqlLiterals.identifier(table);
        try (Statement statement = connection.createStatement()) {
            if (records.isEmpty()) {
                statement.execute("CREATE OR REPLACE TEMP TABLE " + target + " " + emptyDefinition());
                return 0;
            }
            Path file = Files.createTempFile(scratchDirectory, "batch-", ".ndjson");
            try {
                NdjsonBatchFile.write(file, records, unstructured);
                statement.execute("CREATE OR REPLACE TEMP TABLE " + target + " AS SELECT " + selectList
                        + " FROM read_json(" + SqlLiterals.string(file.toString())
                        + ", format = 'newline_delimited', records = true, maximum_object_size = " + MAX_RECORD_BYTES
                        + ", columns = {" + readColumns + "})");
            } finally {
                Files.deleteIfExists(file);
            }
            return records.size();
        } catch (SQLException | IOException e) {
            throw new FloeException(ErrorCode.INTERNAL, "cannot load " + records.size() + " records into DuckDB: "
                    + e.getMessage(), e);
        }
    }

    private String emptyDefinition() {
        List<StreamColumns.Column> all = new ArrayList<>(columns);
        all.add(new StreamColumns.Column(HiddenColumns.OFFSET, "BIGINT"));
        all.add(new StreamColumns.Column(HiddenColumns.INGEST_TS, "TIMESTAMP WITH TIME ZONE"));
        return StreamColumns.definitions(all);
    }
}
