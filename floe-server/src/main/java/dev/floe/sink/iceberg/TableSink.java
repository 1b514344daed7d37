package dev.floe.sink.iceberg;

import dev.floe.engine.HiddenColumns;
import dev.floe.engine.ParquetBloomFilters;
import dev.floe.engine.SqlLiterals;
import dev.floe.engine.StreamColumns;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import dev.floe.sink.RollRange;
import dev.floe.sink.RollTarget;
import dev.floe.sink.SinkDefinition;
import dev.floe.sink.file.FilePlan;
import dev.floe.sink.file.PlannedFile;
import dev.floe.sink.file.WrittenFile;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.jdbc.UncheckedSQLException;
import org.apache.iceberg.exceptions.NotFoundException;
import org.apache.iceberg.types.Types;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@code r2_data_catalog} sink: each roll appends Parquet files to an Iceberg table of its bucket's
 * catalog, in one snapshot whose summary records the pipeline, the sink and the stream offsets the
 * roll covers.
 *
 * <p>A new table gets the pipeline's columns and {@code __ingest_ts}, partitioned by its day, like
 * Cloudflare's. An existing table is used when its schema accepts the rows: every column the pipeline
 * writes is there with the same type or one it widens to, and every required column is written.
 *
 * <p>Exactly once: each append also records its offset end in a table property of the pipeline and
 * sink, in the same commit ({@link AppendedOffsets}), which neither maintenance's commits nor snapshot
 * expiration remove; a roll whose range the table already holds is not appended again. Iceberg
 * retries an append that lost a race with another writer on the fresh table state.
 */
public final class TableSink implements RollTarget {
    private static final Logger LOG = LoggerFactory.getLogger(TableSink.class);
    static final String SUMMARY_PIPELINE = "floe.pipeline";
    static final String SUMMARY_SINK = "floe.sink";
    static final String SUMMARY_OFFSET_START = "floe.offset-start";
    static final String SUMMARY_OFFSET_END = "floe.offset-end";

    private final SinkDefinition sink;
    private final TableIdentifier id;
    private final Table table;
    private final Path scratchDirectory;
    private final boolean partitioned;
    private final String selectList;
    private final String fieldIds;
    private final FileMetrics metrics;
    private final Map<String, DataFile> written = new ConcurrentHashMap<>();

    private TableSink(SinkDefinition sink, TableIdentifier id, Table table, List<StreamColumns.Column> columns,
            Path scratchDirectory) {
        this.sink = sink;
        this.id = id;
        this.table = table;
        this.scratchDirectory = scratchDirectory;
        this.partitioned = !table.spec().isUnpartitioned();
        List<String> select = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<Types.NestedField> writtenFields = new ArrayList<>();
        for (Types.NestedField field : table.schema().columns()) {
            String source = field.name().equals(HiddenColumns.INGEST_TS) ? HiddenColumns.INGEST_TS
                    : columns.stream().map(StreamColumns.Column::name).filter(name -> name.equalsIgnoreCase(field.name()))
                            .findFirst().orElse(null);
            if (source == null) {
                continue;
            }
            select.add("CAST(" + SqlLiterals.identifier(source) + " AS " + IcebergTypes.duckDbType(field.type()) + ") AS "
                    + SqlLiterals.identifier(field.name()));
            ids.add(SqlLiterals.identifier(field.name()) + ": " + IcebergTypes.fieldIds(field));
            writtenFields.add(field);
        }
        this.selectList = String.join(", ", select);
        this.fieldIds = "{" + String.join(", ", ids) + "}";
        this.metrics = new FileMetrics(writtenFields);
    }

    /**
     * The sink's table, created from the pipeline's columns when it does not exist yet.
     *
     * @param columns the pipeline's output columns, as DuckDB types them
     * @throws FloeException {@code INVALID_REQUEST} when an existing table cannot take the rows
     */
    public static TableSink open(SinkDefinition sink, Catalog catalog, List<StreamColumns.Column> columns,
            Path scratchDirectory) {
        TableIdentifier id = TableIdentifier.of(Namespace.of(sink.table().namespace()), sink.table().tableName());
        Table table;
        if (catalog.tableExists(id)) {
            table = catalog.loadTable(id);
            TableCompatibility.check(table, id, columns);
        } else {
            table = create(catalog, id, columns, sink);
        }
        return new TableSink(sink, id, table, columns, scratchDirectory);
    }

    private static Table create(Catalog catalog, TableIdentifier id, List<StreamColumns.Column> columns, SinkDefinition sink) {
        if (catalog instanceof SupportsNamespaces namespaces && !namespaces.namespaceExists(id.namespace())) {
            try {
                namespaces.createNamespace(id.namespace());
            } catch (AlreadyExistsException e) {
                // another pipeline created it first
            }
        }
        Schema schema = IcebergTypes.newTableSchema(columns, HiddenColumns.INGEST_TS);
        try {
            Table table = catalog.createTable(id, schema, PartitionSpec.builderFor(schema).day(HiddenColumns.INGEST_TS).build(),
                    Map.of(TableProperties.FORMAT_VERSION, "2", TableProperties.PARQUET_COMPRESSION,
                            sink.format().compression()));
            LOG.info("Created table {} for sink {}, partitioned by the day of {}", id, sink.name(), HiddenColumns.INGEST_TS);
            return table;
        } catch (AlreadyExistsException e) {
            Table table = catalog.loadTable(id);
            TableCompatibility.check(table, id, columns);
            return table;
        }
    }

    @Override
    public FilePlan plan(Connection connection, String bufferTable, long firstSerial, Instant rollTime) {
        String sql = partitioned
                ? "SELECT CAST(CAST(" + HiddenColumns.INGEST_TS + " AS DATE) AS VARCHAR), count(*) FROM "
                        + SqlLiterals.identifier(bufferTable) + " GROUP BY 1 ORDER BY 1"
                : "SELECT '', count(*) FROM " + SqlLiterals.identifier(bufferTable);
        List<PlannedFile> files = new ArrayList<>();
        long serial = firstSerial;
        String rollId = UUID.randomUUID().toString();
        try (Statement statement = connection.createStatement(); ResultSet days = statement.executeQuery(sql)) {
            while (days.next()) {
                String day = days.getString(1);
                String fileName = String.format("%05d-%s.parquet", serial++, rollId);
                String key = partitioned
                        ? table.locationProvider().newDataLocation(table.spec(), DataFiles.data(table.spec(), partitionPath(day)), fileName)
                        : table.locationProvider().newDataLocation(fileName);
                files.add(new PlannedFile(day, key, days.getLong(2)));
            }
        } catch (SQLException e) {
            throw new FloeException(ErrorCode.INTERNAL, "cannot plan the files of table " + id + ": "
                    + e.getMessage(), e);
        }
        return new FilePlan(files, serial);
    }

    private String partitionPath(String day) {
        return table.spec().fields().getFirst().name() + "=" + day;
    }

    @Override
    public WrittenFile write(Connection connection, String bufferTable, PlannedFile file) {
        Path local = scratchDirectory.resolve("table-" + UUID.randomUUID() + ".parquet");
        String rows = "SELECT " + selectList + " FROM " + SqlLiterals.identifier(bufferTable)
                + (partitioned ? " WHERE CAST(" + HiddenColumns.INGEST_TS + " AS DATE) = DATE " + SqlLiterals.string(file.partition()) : "")
                + " ORDER BY " + HiddenColumns.OFFSET;
        try (Statement statement = connection.createStatement()) {
            statement.execute("COPY (" + rows + ") TO " + SqlLiterals.string(local.toString())
                    + " (FORMAT parquet, COMPRESSION " + sink.format().compression() + ", ROW_GROUP_SIZE_BYTES "
                    + sink.format().rowGroupBytes() + ", FIELD_IDS " + fieldIds + ", " + ParquetBloomFilters.COPY_OPTION + ")");
            ParquetBloomFilters.add(local);
            FileMetrics.Measured measured = metrics.measure(connection, rows, local);
            long bytes = Files.size(local);
            try (OutputStream out = table.io().newOutputFile(file.key()).createOrOverwrite()) {
                Files.copy(local, out);
            }
            DataFiles.Builder dataFile = DataFiles.builder(table.spec()).withPath(file.key()).withFormat(FileFormat.PARQUET)
                    .withFileSizeInBytes(bytes).withMetrics(measured.metrics());
            if (partitioned) {
                dataFile.withPartitionPath(partitionPath(file.partition()));
            }
            written.put(file.key(), dataFile.build());
            return new WrittenFile(file.key(), bytes, measured.metrics().recordCount(), measured.rowGroups());
        } catch (SQLException e) {
            throw new FloeException(ErrorCode.INTERNAL, "cannot write " + file.key() + " of table " + id + ": "
                    + e.getMessage(), e);
        } catch (IOException | UncheckedIOException e) {
            throw new FloeException(ErrorCode.UNAVAILABLE, "cannot store " + file.key() + " of table " + id
                    + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(local);
            } catch (IOException e) {
                LOG.warn("Cannot delete the scratch file {}: {}", local, e.getMessage());
            }
        }
    }

    @Override
    public void publish(RollRange roll, List<WrittenFile> files) {
        try {
            append(roll, files);
        } catch (CommitFailedException | UncheckedSQLException e) {
            throw new FloeException(ErrorCode.UNAVAILABLE, "cannot append to table " + id + " for now: "
                    + e.getMessage(), e);
        } catch (NoSuchTableException e) {
            throw dropped(e);
        }
    }

    private FloeException dropped(NoSuchTableException e) {
        return new FloeException(ErrorCode.NOT_FOUND, "table " + id + " was dropped; delete the pipeline, "
                + "and create it again to create the table again", e);
    }

    private void append(RollRange roll, List<WrittenFile> files) {
        table.refresh();
        if (AppendedOffsets.covers(table.properties(), roll)) {
            LOG.info("Table {} already holds offsets {}..{} of pipeline {}; not appending them again", id,
                    roll.offsetStart(), roll.offsetEnd() - 1, roll.pipelineId());
            return;
        }
        Transaction transaction = table.newTransaction();
        AppendFiles append = transaction.newAppend();
        for (WrittenFile file : files) {
            DataFile dataFile = written.remove(file.key());
            if (dataFile == null) {
                throw new IllegalStateException("file " + file.key() + " was not written by this sink");
            }
            append.appendFile(dataFile);
        }
        append.set(SUMMARY_PIPELINE, roll.pipelineId()).set(SUMMARY_SINK, roll.sink())
                .set(SUMMARY_OFFSET_START, Long.toString(roll.offsetStart()))
                .set(SUMMARY_OFFSET_END, Long.toString(roll.offsetEnd()))
                .commit();
        transaction.updateProperties().set(AppendedOffsets.property(roll), Long.toString(roll.offsetEnd())).commit();
        transaction.commitTransaction();
        // A transaction leaves the table to be reloaded by whichever call reads it next (planning the
        // next roll, say); reloading it here reports a table dropped meanwhile as dropped.
        table.refresh();
    }

    @Override
    public boolean published(RollRange roll) {
        try {
            table.refresh();
        } catch (UncheckedSQLException e) {
            throw new FloeException(ErrorCode.UNAVAILABLE, "cannot read table " + id + " for now: "
                    + e.getMessage(), e);
        } catch (NoSuchTableException e) {
            throw dropped(e);
        }
        return AppendedOffsets.covers(table.properties(), roll);
    }

    @Override
    public void delete(String key) {
        try {
            table.io().deleteFile(key);
        } catch (NotFoundException e) {
            // never written: nothing to delete
        }
    }
}
