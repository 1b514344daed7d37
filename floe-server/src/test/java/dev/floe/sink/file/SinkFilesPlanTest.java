package dev.floe.sink.file;

import static dev.floe.sink.file.SinkFilesTesting.FIRST_DAY;
import static dev.floe.sink.file.SinkFilesTesting.SECOND_DAY;
import static dev.floe.sink.file.SinkFilesTesting.TABLE;
import static dev.floe.sink.file.SinkFilesTesting.fillTable;
import static dev.floe.sink.file.SinkFilesTesting.sink;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.engine.DuckDbEngine;
import dev.floe.engine.EngineTesting;
import dev.floe.sink.FileFormat;
import dev.floe.sink.FileNaming;
import dev.floe.sink.NamingStrategy;
import dev.floe.sink.SinkDefinition;
import dev.floe.sink.TimePattern;
import dev.floe.storage.Bucket;
import dev.floe.storage.LocalBucket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/** Planning reads only the table: no bucket is written. */
class SinkFilesPlanTest {
    private static final Instant ROLL = Instant.parse("2026-04-01T00:05:00Z");

    @TempDir
    static Path directory;
    private static DuckDbEngine engine;
    private static Connection connection;
    private static Bucket bucket;

    @BeforeAll
    static void open() {
        engine = EngineTesting.openEngine(directory.resolve("engine"));
        connection = engine.connect();
        bucket = new LocalBucket(directory.resolve("bucket"), directory.resolve("staging"));
    }

    @AfterAll
    static void close() throws Exception {
        bucket.close();
        connection.close();
        engine.close();
    }

    private static FilePlan plan(SinkDefinition sink, long firstSerial) {
        return new SinkFiles(sink, bucket, engine.workDirectory().resolve("sink-files"))
                .plan(connection, TABLE, firstSerial, ROLL);
    }

    @Test
    void oneFilePerDayOfIngestTimeInPartitionOrderNumberedFromTheFirstSerial() throws Exception {
        fillTable(connection, 1000);

        FilePlan plan = plan(sink(FileFormat.DEFAULT_PARQUET, "events", TimePattern.DEFAULT.pattern(),
                new FileNaming("", "", NamingStrategy.SERIAL)), 7);

        assertThat(plan.files()).containsExactly(
                new PlannedFile(FIRST_DAY, "events/" + FIRST_DAY + "/00007-000.parquet", 500),
                new PlannedFile(SECOND_DAY, "events/" + SECOND_DAY + "/00008-000.parquet", 500));
        assertThat(plan.nextSerial()).isEqualTo(9);
        assertThat(bucket.isEmpty()).isTrue();
    }

    @Test
    void anEmptyTablePlansNoFilesAndConsumesNoSerial() throws Exception {
        fillTable(connection, 0);

        FilePlan plan = plan(sink(FileFormat.DEFAULT_JSON, "", TimePattern.DEFAULT.pattern(), FileNaming.DEFAULT), 3);

        assertThat(plan.files()).isEmpty();
        assertThat(plan.nextSerial()).isEqualTo(3);
    }

    @Test
    void anEmptyTimePatternPutsEveryRowInOneFileAtThePath() throws Exception {
        fillTable(connection, 10);

        FilePlan plan = plan(sink(FileFormat.DEFAULT_JSON, "logs", "", new FileNaming("", "", NamingStrategy.SERIAL)), 0);

        assertThat(plan.files()).containsExactly(new PlannedFile("", "logs/00000-000.json", 10));
    }

    /** DuckDB formats the partitions; they must be the folders {@link TimePattern#format} names. */
    @Test
    void partitionsAreTheTimePatternFormattedOverEachRowsIngestTimeInUtc() throws Exception {
        List<Instant> times = List.of(Instant.parse("2024-02-29T05:09:02.999Z"), Instant.parse("2024-12-31T23:59:59Z"),
                Instant.parse("2009-01-01T00:00:00Z"), Instant.parse("1999-12-31T23:59:59.5Z"),
                Instant.parse("2026-07-04T12:30:45.000001Z"));
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE OR REPLACE TEMP TABLE " + TABLE + " (id INTEGER, __offset BIGINT,"
                    + " __ingest_ts TIMESTAMP WITH TIME ZONE)");
            for (int i = 0; i < times.size(); i++) {
                statement.execute("INSERT INTO " + TABLE + " VALUES (" + i + ", " + i + ", TIMESTAMPTZ '" + times.get(i) + "')");
            }
        }
        TimePattern everyDirective = new TimePattern("%Y-%y/%m/%d/%H:%M:%S/%j/100%%");

        FilePlan plan = plan(sink(FileFormat.DEFAULT_PARQUET, "", everyDirective.pattern(), FileNaming.DEFAULT), 0);

        assertThat(plan.files().stream().map(PlannedFile::partition).collect(Collectors.toSet()))
                .isEqualTo(times.stream().map(everyDirective::format).collect(Collectors.toSet()));
    }

    /** Rows are counted per partition whatever the pattern's finest directive, across its boundaries. */
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "hour=%H; 2024-01-01T05:59:59.999999Z 2024-01-02T05:00:00Z 2024-01-01T06:00:00Z; hour=05:2 hour=06:1",
            "%Y-%m; 2024-01-31T23:59:59.999999Z 2024-02-01T00:00:00Z 2025-01-15T00:00:00Z; 2024-01:1 2024-02:1 2025-01:1",
            "%j; 2024-12-31T23:59:59Z 2023-12-31T12:00:00Z 2024-01-01T00:00:00Z; 001:1 365:1 366:1"})
    void rowsAreCountedPerPartitionOfTheFinestDirective(String pattern, String ingestTimes, String expected)
            throws Exception {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE OR REPLACE TEMP TABLE " + TABLE + " (id INTEGER, __offset BIGINT,"
                    + " __ingest_ts TIMESTAMP WITH TIME ZONE)");
            String[] times = ingestTimes.split(" ");
            for (int i = 0; i < times.length; i++) {
                statement.execute("INSERT INTO " + TABLE + " VALUES (" + i + ", " + i + ", TIMESTAMPTZ '" + times[i] + "')");
            }
        }

        FilePlan plan = plan(sink(FileFormat.DEFAULT_PARQUET, "", pattern, FileNaming.DEFAULT), 0);

        assertThat(plan.files()).extracting(file -> file.partition() + ":" + file.rows())
                .containsExactly(expected.split(" "));
    }

    @ParameterizedTest
    @CsvSource({
            "year=%Y/month=%m/day=%d, 2026-03-31T00:00:00Z, 2026-03-31T23:59:59.999Z, year=2026/month=03/day=31",
            "year=%Y/month=%m/day=%d, 2026-03-31T23:59:59.999Z, 2026-04-01T00:00:00Z, ",
            "%H, 2026-03-31T10:00:00Z, 2026-04-01T10:30:00Z, ",
            "%H, 2026-03-31T10:00:00Z, 2026-03-31T10:59:59Z, 10",
            "year=%Y/month=%m, 2026-03-01T00:00:00Z, 2026-03-31T23:59:59Z, year=2026/month=03",
            "year=%Y/month=%m, 2026-02-28T00:00:00Z, 2026-03-01T00:00:00Z, ",
            "year=%Y, 2025-12-31T23:59:59Z, 2026-01-01T00:00:00Z, ",
            "'', 2025-12-31T23:59:59Z, 2026-01-01T00:00:00Z, ''",
    })
    void aTimeRangeHasOnePartitionOnlyWhenNoTimeInItCouldFormatOtherwise(String pattern, String earliest,
            String latest, String partition) {
        SinkFiles files = new SinkFiles(sink(FileFormat.DEFAULT_JSON, "events", pattern, FileNaming.DEFAULT), bucket,
                engine.workDirectory().resolve("sink-files"));

        assertThat(files.partitionOf(Instant.parse(earliest), Instant.parse(latest)))
                .isEqualTo(Optional.ofNullable(partition));
    }

    @Test
    void aRollWrittenBeforeItsPlanIsOneFileInItsPartitionOrNoneWithoutRows() throws Exception {
        SinkFiles files = new SinkFiles(sink(FileFormat.DEFAULT_JSON, "events", TimePattern.DEFAULT.pattern(),
                new FileNaming("", "", NamingStrategy.SERIAL)), bucket, engine.workDirectory().resolve("sink-files"));

        try (ScratchFile rows = files.writeScratch(connection, "SELECT range AS n FROM range(3)");
                ScratchFile none = files.writeScratch(connection, "SELECT range AS n FROM range(0)")) {
            assertThat(files.plan(rows, FIRST_DAY, 4, ROLL)).isEqualTo(new FilePlan(
                    List.of(new PlannedFile(FIRST_DAY, "events/" + FIRST_DAY + "/00004-000.json", 3)), 5));
            assertThat(files.plan(none, FIRST_DAY, 4, ROLL)).isEqualTo(new FilePlan(List.of(), 4));
        }
        assertThat(bucket.isEmpty()).isTrue();
    }
}
