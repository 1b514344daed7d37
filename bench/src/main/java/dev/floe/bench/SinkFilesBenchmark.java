package dev.floe.bench;

import dev.floe.engine.DuckDbEngine;
import dev.floe.engine.EngineSettings;
import dev.floe.engine.ParquetBloomFilters;
import dev.floe.sink.FileFormat;
import dev.floe.sink.FileNaming;
import dev.floe.sink.NamingStrategy;
import dev.floe.sink.RollingPolicy;
import dev.floe.sink.SinkDefinition;
import dev.floe.sink.SinkType;
import dev.floe.sink.TimePattern;
import dev.floe.sink.file.FilePlan;
import dev.floe.sink.file.PlannedFile;
import dev.floe.sink.file.SinkFiles;
import dev.floe.storage.LocalBucket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How fast a sink's buffered rows become files in a local bucket: plan, then write each file (DuckDB's
 * COPY into the engine's work directory, then the bucket's fsynced write). The rows look like the
 * ingest benchmark's events once a pipeline has typed them: eight columns, about 300 bytes as JSON,
 * one hour of ingest time, so one file per roll with the default daily partitions. Then, on the same
 * rows, what bloom filters cost to write: DuckDB's defaults, floe's filters for id-like columns, and
 * DuckDB's own filters with its dictionary limit raised so that unique ids get one.
 *
 * <p>Usage: {@code SinkFilesBenchmark <work-dir> [rows-per-roll] [rounds] [engine threads]}
 */
public final class SinkFilesBenchmark {
    private static final String TABLE = "sink_rows";
    private static final String[][] FORMATS = {
            {FileFormat.PARQUET, "zstd"}, {FileFormat.PARQUET, "snappy"}, {FileFormat.JSON, "none"}, {FileFormat.JSON, "gzip"}};

    private SinkFilesBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "bench-data");
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        try (DuckDbEngine engine = DuckDbEngine.open(new EngineSettings(threads, 1L << 30, work.resolve("engine")));
                Connection connection = engine.connect();
                LocalBucket bucket = new LocalBucket(work.resolve("bucket"), work.resolve("staging"))) {
            fill(connection, rows);
            System.out.println("| format | rows | file MB | plan ms | write ms (median) | rows/s (median) |");
            System.out.println("|---|---:|---:|---:|---:|---:|");
            for (String[] format : FORMATS) {
                SinkFiles files = new SinkFiles(sink(new FileFormat(format[0], format[1], FileFormat.DEFAULT_ROW_GROUP_BYTES)),
                        bucket, engine.workDirectory().resolve("sink-files"));
                measure(format[0] + "/" + format[1], files, connection, rows, rounds);
            }
            System.out.println();
            System.out.println("Bloom filters, the same rows to one zstd Parquet file (DuckDB's COPY, no bucket):");
            System.out.println();
            System.out.println("| variant | file MB | write ms (median) | rows/s (median) | columns with bloom filters |");
            System.out.println("|---|---:|---:|---:|---|");
            Path file = engine.workDirectory().resolve("bloom.parquet");
            measureCopy("DuckDB's defaults (as sinks wrote before)", "", false, connection, file, rows, rounds);
            measureCopy("no filters, then floe's for id-like columns (as sinks write now)",
                    ", " + ParquetBloomFilters.COPY_OPTION, true, connection, file, rows, rounds);
            measureCopy("DICTIONARY_SIZE_LIMIT 1000000 (DuckDB's filters wherever it dictionary-encodes)",
                    ", DICTIONARY_SIZE_LIMIT 1000000", false, connection, file, rows, rounds);
        }
    }

    /** Writes the rows with {@code options} added to the COPY, then floe's bloom filters when {@code floeFilters}. */
    private static void measureCopy(String name, String options, boolean floeFilters, Connection connection, Path file,
                                    int rows, int rounds) throws Exception {
        List<Long> nanos = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            long start = System.nanoTime();
            try (Statement statement = connection.createStatement()) {
                statement.execute("COPY (SELECT * EXCLUDE (__offset, __ingest_ts) FROM " + TABLE + ") TO '" + file
                        + "' (FORMAT parquet, COMPRESSION zstd" + options + ")");
            }
            if (floeFilters) {
                ParquetBloomFilters.add(file);
            }
            nanos.add(System.nanoTime() - start);
        }
        List<String> filtered = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT DISTINCT path_in_schema FROM parquet_metadata('" + file
                        + "') WHERE bloom_filter_length > 0 ORDER BY ALL")) {
            while (result.next()) {
                filtered.add(result.getString(1));
            }
        }
        long write = median(nanos);
        System.out.printf("| %s | %.1f | %d | %,.0f | %s |%n", name, Files.size(file) / 1e6, write / 1_000_000,
                rows / (write / 1e9), filtered.isEmpty() ? "none" : String.join(", ", filtered));
    }

    private static void measure(String name, SinkFiles files, Connection connection, int rows, int rounds) {
        List<Long> planNanos = new ArrayList<>();
        List<Long> writeNanos = new ArrayList<>();
        long bytes = 0;
        for (int round = 0; round < rounds; round++) {
            long start = System.nanoTime();
            FilePlan plan = files.plan(connection, TABLE, round, Instant.now());
            long planned = System.nanoTime();
            bytes = 0;
            for (PlannedFile file : plan.files()) {
                bytes += files.write(connection, TABLE, file).bytes();
            }
            planNanos.add(planned - start);
            writeNanos.add(System.nanoTime() - planned);
        }
        long write = median(writeNanos);
        System.out.printf("| %s | %,d | %.1f | %d | %d | %,.0f |%n", name, rows, bytes / 1e6, median(planNanos) / 1_000_000,
                write / 1_000_000, rows / ((median(planNanos) + write) / 1e9));
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static SinkDefinition sink(FileFormat format) {
        Instant now = Instant.now();
        return new SinkDefinition("bench", "bench_sink", SinkType.R2, format, "bench", "events", TimePattern.DEFAULT,
                new RollingPolicy(RollingPolicy.DEFAULT_INTERVAL_SECONDS, 0, 0),
                new FileNaming("", "", NamingStrategy.SERIAL), null, null, now, now);
    }

    private static void fill(Connection connection, int rows) throws Exception {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TEMP TABLE " + TABLE + " AS SELECT"
                    + " uuid()::VARCHAR AS event_id, 'ns-' || (i % 50) AS ns, ['create', 'update', 'delete'][i % 3 + 1] AS verb,"
                    + " 'https://example.com/sources/' || (i % 5000) || '?ref=campaign-' || (i % 37) AS source,"
                    + " i AS object_seq, (random() * 1000)::DOUBLE AS amount,"
                    + " TIMESTAMPTZ '2026-04-01 10:00:00+00' + to_microseconds(i * 3600000000 // " + rows + ") AS timestamp,"
                    + " '{\"k\":' || (i % 97) || ',\"tags\":[\"a\",\"b\"],\"note\":\"' || repeat('x', 40) || '\"}' AS data,"
                    + " i AS __offset,"
                    + " TIMESTAMPTZ '2026-04-01 10:00:00+00' + to_microseconds(i * 3600000000 // " + rows + ") AS __ingest_ts"
                    + " FROM range(" + rows + ") r(i)");
        }
    }
}
