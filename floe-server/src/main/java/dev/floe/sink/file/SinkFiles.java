package dev.floe.sink.file;

import dev.floe.engine.HiddenColumns;
import dev.floe.engine.ParquetBloomFilters;
import dev.floe.engine.SqlLiterals;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import dev.floe.sink.FileFormat;
import dev.floe.sink.RollRange;
import dev.floe.sink.RollTarget;
import dev.floe.sink.SinkDefinition;
import dev.floe.sink.TimePattern;
import dev.floe.storage.Bucket;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns the rows a pipeline buffered for a sink into the sink's files in its bucket, in two steps
 * that a runner separates with a durable record of the plan:
 *
 * <ol>
 *   <li>{@link #plan} decides every file of a roll and its key, one file per time partition of the
 *       rows, and reads nothing but the table;
 *   <li>{@link #write} writes one planned file with DuckDB's {@code COPY} into the scratch
 *       directory and uploads it, replacing whatever a previous attempt left under its key.
 * </ol>
 *
 * <p>The table is a DuckDB table of the connection holding the pipeline's output columns followed by
 * the {@link HiddenColumns}, in offset order (a pipeline appends rows in that order); files hold the
 * output columns only, in the table's order, which spares sorting every roll. A row's partition
 * is the sink's time pattern formatted over its ingest time in UTC by DuckDB's {@code strftime}, which
 * means the same as {@link dev.floe.sink.TimePattern#format} for every directive a pattern may use.
 *
 * <p>A roll whose rows all fall in one partition ({@link #partitionOf}) may skip the table: its rows
 * are written from any queries into a scratch file ({@link #writeScratch}, or part by part while they
 * arrive: {@link #startFile}), the one file is planned from it
 * ({@link #plan(ScratchFile, String, long, Instant)}), and uploaded ({@link #upload}) once the runner
 * recorded the plan.
 *
 * <p>Thread-safe: each call works on the connection it is given, which one thread uses at a time.
 */
public final class SinkFiles implements RollTarget {
    private static final List<String> TRUNCATION_UNITS = List.of("second", "minute", "hour", "day", "month", "year");

    private final SinkDefinition sink;
    private final Bucket bucket;
    private final Path scratchDirectory;
    private final FileKeys keys;
    private final String partitionOfRow;
    private final String finestUnit;
    private final String truncatedIngestTime;
    private final String copyOptions;
    private final boolean gzipped;

    /**
     * @param bucket           the sink's bucket
     * @param scratchDirectory where files are written before they are uploaded; must be inside the
     *                         engine's work directory, the only place DuckDB may write
     */
    public SinkFiles(SinkDefinition sink, Bucket bucket, Path scratchDirectory) {
        this.sink = sink;
        this.bucket = bucket;
        this.scratchDirectory = scratchDirectory;
        this.keys = new FileKeys(sink, new SecureRandom());
        this.partitionOfRow = partitionOfRow(sink.partitioning().pattern());
        this.finestUnit = finestUnit(sink.partitioning().pattern());
        this.truncatedIngestTime = "date_trunc('" + finestUnit + "', " + HiddenColumns.INGEST_TS + ")";
        this.copyOptions = copyOptions(sink.format());
        this.gzipped = !sink.format().parquet() && sink.format().compression().equals("gzip");
    }

    private static String partitionOfRow(String timePattern) {
        // DuckDB refuses an empty format; an empty pattern puts every row in one partition
        return timePattern.isEmpty() ? "''"
                : "strftime(" + HiddenColumns.INGEST_TS + ", " + SqlLiterals.string(timePattern) + ")";
    }

    /**
     * The finest unit the pattern formats: every directive reads the same from a time truncated to it
     * as from the time itself.
     */
    private static String finestUnit(String timePattern) {
        int finest = TRUNCATION_UNITS.size() - 1;
        for (int i = 0; i + 1 < timePattern.length(); i++) {
            if (timePattern.charAt(i) == '%') {
                i++;
                String unit = switch (timePattern.charAt(i)) {
                    case 'S' -> "second";
                    case 'M' -> "minute";
                    case 'H' -> "hour";
                    case 'd', 'j' -> "day";
                    case 'm' -> "month";
                    default -> "year";
                };
                finest = Math.min(finest, TRUNCATION_UNITS.indexOf(unit));
            }
        }
        return TRUNCATION_UNITS.get(finest);
    }

    private static String copyOptions(FileFormat format) {
        if (format.parquet()) {
            // DuckDB writes min, max and null count of every column chunk unless told otherwise. It also
            // closes a row group at 122,880 rows, before row_group_bytes when rows are small: that
            // bounds the memory one write holds, where Cloudflare's default of 1 GiB would not. Bloom
            // filters are added afterwards, for id-like columns only.
            return "FORMAT parquet, COMPRESSION " + format.compression() + ", ROW_GROUP_SIZE_BYTES "
                    + format.rowGroupBytes() + ", " + ParquetBloomFilters.COPY_OPTION;
        }
        // Timestamps as Cloudflare's JSON sink writes them: RFC 3339 in UTC with milliseconds, at any
        // depth of structs and lists (the engine's session is in UTC). DuckDB's own form would be
        // "2026-01-01 23:59:00+00". Gzip, when asked for, is applied after DuckDB wrote plain JSON.
        return "FORMAT json, COMPRESSION none, TIMESTAMPFORMAT '%Y-%m-%dT%H:%M:%S.%gZ'";
    }

    /**
     * The files for the rows now in {@code table}: one per partition, sorted by partition, named from
     * {@code firstSerial} and {@code rollTime}. Nothing is written.
     */
    @Override
    public FilePlan plan(Connection connection, String table, long firstSerial, Instant rollTime) {
        Map<String, Long> rowsByPartition = new TreeMap<>();
        // Counting rows by their truncated ingest time first formats a partition once per hour or day,
        // not once per row.
        String sql = "SELECT " + partitionOfRow + ", CAST(sum(n) AS BIGINT) FROM (SELECT " + truncatedIngestTime
                + " AS " + HiddenColumns.INGEST_TS + ", count(*) AS n FROM " + SqlLiterals.identifier(table)
                + " GROUP BY 1) GROUP BY 1";
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                rowsByPartition.put(result.getString(1), result.getLong(2));
            }
        } catch (SQLException e) {
            throw new FloeException(ErrorCode.INTERNAL, "cannot plan the files of sink '" + sink.name()
                    + "' from table " + table + ": " + e.getMessage(), e);
        }
        List<String> partitions = new ArrayList<>(rowsByPartition.keySet());
        List<String> fileKeys = keys.keys(partitions, firstSerial, rollTime);
        List<PlannedFile> files = new ArrayList<>(partitions.size());
        for (int i = 0; i < partitions.size(); i++) {
            files.add(new PlannedFile(partitions.get(i), fileKeys.get(i), rowsByPartition.get(partitions.get(i))));
        }
        return new FilePlan(files, firstSerial + files.size());
    }

    /**
     * The partition of every row whose ingest time lies between {@code earliest} and {@code latest},
     * when they all share one, or empty when they may not: a roll within one partition can be written
     * before its plan, straight from the pipeline's query, since its one file's key needs no row.
     */
    public Optional<String> partitionOf(Instant earliest, Instant latest) {
        TimePattern pattern = sink.partitioning();
        if (pattern.pattern().isEmpty() || truncate(earliest).equals(truncate(latest))) {
            return Optional.of(pattern.pattern().isEmpty() ? "" : pattern.format(earliest));
        }
        return Optional.empty();
    }

    private ZonedDateTime truncate(Instant time) {
        ZonedDateTime utc = time.atZone(ZoneOffset.UTC);
        return switch (finestUnit) {
            case "second" -> utc.truncatedTo(ChronoUnit.SECONDS);
            case "minute" -> utc.truncatedTo(ChronoUnit.MINUTES);
            case "hour" -> utc.truncatedTo(ChronoUnit.HOURS);
            case "day" -> utc.truncatedTo(ChronoUnit.DAYS);
            case "month" -> utc.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
            default -> utc.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1);
        };
    }

    /**
     * The plan of a roll already written whole into {@code scratch}, whose rows all fall in
     * {@code partition}: that one file, or none when the roll has no row.
     */
    public FilePlan plan(ScratchFile scratch, String partition, long firstSerial, Instant rollTime) {
        if (scratch.rows() == 0) {
            return new FilePlan(List.of(), firstSerial);
        }
        String key = keys.keys(List.of(partition), firstSerial, rollTime).getFirst();
        return new FilePlan(List.of(new PlannedFile(partition, key, scratch.rows())), firstSerial + 1);
    }

    /**
     * Writes a planned file from the rows of its partition in {@code table} and uploads it under its
     * key, replacing any object there: writing a file again after a crash is safe.
     *
     * @throws FloeException {@code INTERNAL} when DuckDB cannot write the file or the table no longer
     *                       holds the planned number of rows, {@code UNAVAILABLE} when the scratch
     *                       directory cannot hold it (in these cases nothing is uploaded); the
     *                       bucket's failures ({@code UNAVAILABLE}, {@code FORBIDDEN}, …) as they are,
     *                       when the object may or may not have been replaced
     */
    @Override
    public WrittenFile write(Connection connection, String table, PlannedFile file) {
        // When the partition holds every row of the table (the usual roll), no row needs its partition
        // formatted. DuckDB keeps the order of a table scan through a filter and into COPY
        // (preserve_insertion_order).
        String rows = file.rows() == count(connection, table) ? ""
                : " WHERE " + partitionOfRow + " = " + SqlLiterals.string(file.partition());
        String query = "SELECT * EXCLUDE (" + HiddenColumns.OFFSET + ", " + HiddenColumns.INGEST_TS + ") FROM "
                + SqlLiterals.identifier(table) + rows;
        try (ScratchFile scratch = writeScratch(connection, query)) {
            if (scratch.rows() != file.rows()) {
                throw new FloeException(ErrorCode.INTERNAL, "file '" + file.key() + "' of sink '" + sink.name()
                        + "' was planned with " + file.rows() + " rows but table " + table + " holds " + scratch.rows()
                        + " of partition '" + file.partition() + "'; plan the roll again from the same rows");
            }
            return upload(connection, scratch, file);
        }
    }

    /**
     * Writes the rows of {@code query}, in its order, into a file of the sink's format in the scratch
     * directory, where nobody reads it until {@link #upload}: complete, a Parquet file with its bloom
     * filters. A file of one part ({@link #startFile}).
     *
     * @param query a SELECT of the sink's output columns
     * @throws FloeException {@code INTERNAL} with DuckDB's {@link SQLException} as the cause when the
     *                       query or the write fails, {@code UNAVAILABLE} when the scratch directory
     *                       cannot hold the file; nothing is left behind
     */
    public ScratchFile writeScratch(Connection connection, String query) {
        try (FileInParts file = startFile()) {
            file.append(connection, query);
            return file.finish().orElseThrow(() -> new IllegalStateException("the only part of a file did not join it"));
        }
    }

    /** Starts a file to be written in parts, each from a query, for a roll whose rows arrive over time. */
    public FileInParts startFile() {
        return new FileInParts(this, sink.format().parquet(), gzipped);
    }

    /**
     * Writes the rows of {@code query} into a scratch file: Parquet without bloom filters yet, or plain
     * JSON lines, whatever the sink's compression, for {@link FileInParts} to complete and join.
     */
    ScratchFile copyPart(Connection connection, String query) {
        Path local = newScratchFile();
        try {
            return new ScratchFile(local, copy(connection, query, local));
        } catch (RuntimeException e) {
            deleteScratchFile(local);
            throw e;
        }
    }

    /**
     * Uploads a scratch file as a planned file, replacing any object under its key.
     *
     * @throws FloeException the bucket's failures ({@code UNAVAILABLE}, {@code FORBIDDEN}, …) as they
     *                       are, when the object may or may not have been replaced
     */
    public WrittenFile upload(Connection connection, ScratchFile scratch, PlannedFile file) {
        try {
            long rowGroups = 1;
            if (sink.format().parquet()) {
                rowGroups = rowGroups(connection, file, scratch.path());
            }
            long bytes = Files.size(scratch.path());
            bucket.write(file.key(), scratch.path());
            return new WrittenFile(file.key(), bytes, scratch.rows(), rowGroups);
        } catch (IOException e) {
            throw scratchFailure(e);
        }
    }

    /** Files are where readers look once written: a roll has nothing more to publish. */
    @Override
    public void publish(RollRange roll, List<WrittenFile> files) {
        // nothing to do: see above
    }

    /** A roll without a commit record is undone, whether or not its files were all written. */
    @Override
    public boolean published(RollRange roll) {
        return false;
    }

    /** Deletes a planned file whether or not it was written, as recovery does for an unfinished roll. */
    @Override
    public void delete(String key) {
        bucket.delete(key);
    }

    private long copy(Connection connection, String query, Path local) {
        String sql = "COPY (" + query + ") TO " + SqlLiterals.string(local.toString()) + " (" + copyOptions + ")";
        try (Statement statement = connection.createStatement()) {
            return statement.executeLargeUpdate(sql);
        } catch (SQLException e) {
            throw new FloeException(ErrorCode.INTERNAL, "cannot write a file of sink '" + sink.name() + "': "
                    + e.getMessage(), e);
        }
    }

    private long count(Connection connection, String table) {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT count(*) FROM " + SqlLiterals.identifier(table))) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            throw new FloeException(ErrorCode.INTERNAL, "cannot count the rows of sink '" + sink.name() + "' in table "
                    + table + ": " + e.getMessage(), e);
        }
    }

    private long rowGroups(Connection connection, PlannedFile file, Path local) {
        String sql = "SELECT num_row_groups FROM parquet_file_metadata(" + SqlLiterals.string(local.toString()) + ")";
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            throw new FloeException(ErrorCode.INTERNAL, "cannot read back the row groups of file '" + file.key()
                    + "' of sink '" + sink.name() + "' written to " + local + ": " + e.getMessage(), e);
        }
    }

    Path newScratchFile() {
        try {
            Files.createDirectories(scratchDirectory);
            return Files.createTempFile(scratchDirectory, "sink-" + sink.id() + "-", ".tmp");
        } catch (IOException e) {
            throw scratchFailure(e);
        }
    }

    private void deleteScratchFile(Path local) {
        new ScratchFile(local, 0).close();
    }

    FloeException scratchFailure(IOException e) {
        return new FloeException(ErrorCode.UNAVAILABLE, "cannot write a file of sink '" + sink.name()
                + "' in the scratch directory " + scratchDirectory + ": " + e.getMessage()
                + "; check that its disk has space and floe may write there", e);
    }
}
