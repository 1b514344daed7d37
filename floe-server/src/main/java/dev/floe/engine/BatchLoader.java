package dev.floe.engine;

import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import dev.floe.stream.log.LogRecord;
import dev.floe.stream.schema.SchemaField;
import dev.floe.stream.schema.StreamSchema;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Loads batches of one stream's log records into DuckDB tables typed by the stream's schema, with the
 * {@link HiddenColumns} after the stream's columns.
 *
 * <p>The records are written to a newline-delimited JSON file in the engine's work directory and read
 * with DuckDB's parallel JSON reader, told each column's type so that it infers nothing. A query may
 * read the file directly ({@link #relation}) or from a table loaded from it ({@link #load}); the
 * file is deleted when the batch is closed. The SQL is built once per schema.
 */
public final class BatchLoader {
    /** The least the reader is told to expect of an object, whatever the batch's longest line. */
    private static final long MIN_OBJECT_BYTES = 1L << 20;

    private final Path scratchDirectory;
    private final boolean unstructured;
    private final List<StreamColumns.Column> columns;
    private final String readColumns;
    private final String selectList;
    private final String plainReadColumns;
    private final String plainSelectList;

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
        this.plainReadColumns = String.join(", ", reads);
        this.plainSelectList = String.join(", ", selects) + ", CAST(NULL AS BIGINT) AS " + HiddenColumns.OFFSET
                + ", CAST(NULL AS TIMESTAMP WITH TIME ZONE) AS " + HiddenColumns.INGEST_TS;
        reads.add(readColumn(BatchWriter.OFFSET_KEY, "BIGINT"));
        reads.add(readColumn(BatchWriter.INGEST_TIME_KEY, "BIGINT"));
        selects.add(SqlLiterals.identifier(BatchWriter.OFFSET_KEY) + " AS " + HiddenColumns.OFFSET);
        selects.add("CAST(make_timestamp(" + SqlLiterals.identifier(BatchWriter.INGEST_TIME_KEY)
                + " * 1000) AS TIMESTAMP WITH TIME ZONE) AS " + HiddenColumns.INGEST_TS);
        this.readColumns = String.join(", ", reads);
        this.selectList = String.join(", ", selects);
    }

    private static String readColumn(String key, String type) {
        return SqlLiterals.string(key) + ": " + SqlLiterals.string(type);
    }

    /** Starts a batch file in the scratch directory. */
    public BatchWriter writer() {
        return new BatchWriter(scratchDirectory, unstructured, true);
    }

    /**
     * Starts a plain batch file: its relation's hidden columns are null, for a query that needs
     * neither offsets nor ingest times and reads the whole file.
     */
    public BatchWriter plainWriter() {
        return new BatchWriter(scratchDirectory, unstructured, false);
    }

    /**
     * A relation, to put where SQL names a table, that reads the batch file: the stream's columns then
     * the hidden ones (null in a plain file), one row per record in the file's order. Each query over
     * it reads the file again.
     */
    public String relation(BatchFile batch) {
        return relation(List.of(batch));
    }

    /**
     * Like {@link #relation(BatchFile)}, over consecutive batches: their rows in the order of the list.
     *
     * @throws IllegalArgumentException when some batches are plain and some are not
     */
    public String relation(List<BatchFile> batches) {
        boolean hiddenKeys = batches.getFirst().hiddenKeys();
        if (batches.stream().anyMatch(batch -> batch.hiddenKeys() != hiddenKeys)) {
            throw new IllegalArgumentException("plain batch files cannot be read with others");
        }
        // The reader's buffers grow with the largest object it is told to expect, and its speed drops
        // with them: expecting the batch's longest line rather than the largest record ingest could
        // ever accept measured a third faster.
        long maximumObjectSize = MIN_OBJECT_BYTES;
        StringJoiner files = new StringJoiner(", ", "[", "]");
        for (BatchFile batch : batches) {
            maximumObjectSize = Math.max(maximumObjectSize, batch.longestLine() + 1L);
            files.add(SqlLiterals.string(batch.path().toString()));
        }
        return "(SELECT " + (hiddenKeys ? selectList : plainSelectList) + " FROM read_json(" + files
                + ", format = 'newline_delimited', records = true, maximum_object_size = " + maximumObjectSize
                + ", columns = {" + (hiddenKeys ? readColumns : plainReadColumns) + "}))";
    }

    /** Replaces {@code table}, a temporary table of the connection, with the batch's rows. */
    public void load(Connection connection, BatchFile batch, String table) {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE OR REPLACE TEMP TABLE " + SqlLiterals.identifier(table) + " AS SELECT * FROM "
                    + relation(batch));
        } catch (SQLException e) {
            throw new FloeException(ErrorCode.INTERNAL, "cannot load " + batch.records() + " records into DuckDB: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Replaces {@code table}, a temporary table of the connection, with the records, in their order.
     *
     * @return the number of rows loaded
     */
    public long load(Connection connection, List<LogRecord> records, String table) {
        if (records.isEmpty()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE OR REPLACE TEMP TABLE " + SqlLiterals.identifier(table) + " " + emptyDefinition());
                return 0;
            } catch (SQLException e) {
                throw new FloeException(ErrorCode.INTERNAL, "cannot create the empty table " + table + ": "
                        + e.getMessage(), e);
            }
        }
        BatchFile batch;
        try (BatchWriter writer = writer()) {
            writer.append(records);
            batch = writer.finish();
        }
        try (batch) {
            load(connection, batch, table);
        }
        return records.size();
    }

    private String emptyDefinition() {
        List<StreamColumns.Column> all = new ArrayList<>(columns);
        all.add(new StreamColumns.Column(HiddenColumns.OFFSET, "BIGINT"));
        all.add(new StreamColumns.Column(HiddenColumns.INGEST_TS, "TIMESTAMP WITH TIME ZONE"));
        return StreamColumns.definitions(all);
    }
}
