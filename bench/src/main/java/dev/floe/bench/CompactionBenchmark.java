package dev.floe.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.floe.catalog.LocalFileIO;
import dev.floe.catalog.maintenance.JobKind;
import dev.floe.catalog.maintenance.JobOutcome;
import dev.floe.client.BucketSpec;
import dev.floe.client.FloeClient;
import dev.floe.client.MaintenanceUpdate;
import dev.floe.io.AtomicFiles;
import dev.floe.server.FloeServer;
import dev.floe.server.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.duckdb.DuckDBDriver;

/**
 * Compaction of a table of many small files, and the same query before and after. An in-process
 * server holds a local bucket whose catalog has a table shaped like the ingest benchmark's events
 * once typed (eight columns, partitioned by day). DuckDB writes its files, small ones of a few MB as
 * a sink rolling every few minutes leaves them, with Iceberg field ids; they are appended with their
 * metrics, a couple of hundred per commit. Then a query (planned with Iceberg, run by DuckDB over the
 * planned files) runs three times; catalog-level compaction is enabled through the API and one
 * maintenance round compacts the table; the query runs three times again. Before all that, a
 * 128 MB table of the same files is compacted unmeasured, so that the measured job finds its code
 * compiled, as in a server that has compacted before.
 *
 * <p>Throughput is the compacted input's bytes over the whole job (staging, the merge or rewrite,
 * reading the new files' metrics, writing them into the bucket, the commit), in MB of 10^6 bytes; and
 * over the CPU time the process spent meanwhile, which depends less on what else the machine runs.
 *
 * <p>Files with small row groups are merged page by page into row groups of DuckDB's size; files whose
 * row groups hold about as many rows as DuckDB's (122,880, which is how a floe sink's larger rolls come
 * out) are merged by copying their row groups. {@code row-group rows} chooses which. A file holds one
 * row group when a row group is larger than {@code file MB}: the files then are what a sink's rolls of
 * that many rows leave, since a sink writes a roll of up to 122,880 rows per day as one row group.
 *
 * <p>Usage: {@code CompactionBenchmark <work-dir> [total MB] [file MB] [row-group rows] [days] [target MB]}
 */
public final class CompactionBenchmark {
    private static final String TOKEN = "bench-token";
    private static final LocalDate FIRST_DAY = LocalDate.of(2026, 4, 1);
    private static final int FILES_PER_COMMIT = 200;
    private static final long WARM_UP_MB = 128;
    private static final String COMPILER = "compiler";
    private static final String COLLECTOR = "collector";
    private static final String QUERY = "SELECT verb, count(*) AS events, round(sum(amount)) AS amount, "
            + "count(DISTINCT ns) AS namespaces FROM read_parquet(%s) "
            + "WHERE source LIKE '%%campaign-7' AND ts >= TIMESTAMPTZ '" + FIRST_DAY + " 06:00:00+00' "
            + "GROUP BY verb ORDER BY verb";

    private CompactionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "bench-data");
        long totalMb = args.length > 1 ? Long.parseLong(args[1]) : 3072;
        double fileMb = args.length > 2 ? Double.parseDouble(args[2]) : 2;
        int rowGroupRows = args.length > 3 ? Integer.parseInt(args[3]) : 10_000;
        int days = args.length > 4 ? Integer.parseInt(args[4]) : 3;
        int targetMb = args.length > 5 ? Integer.parseInt(args[5]) : 128;
        Map<String, String> flags = Map.of("port", "0", "data-dir", work.resolve("data").toString(), "api-token", TOKEN,
                "maintenance-interval", "1h", "compaction-interval", "0s", "compaction-max-bytes", "1024GiB");
        try (FloeServer server = FloeServer.start(ServerConfig.resolve(flags, Map.of(), null));
             FloeClient client = FloeClient.builder().baseUrl(server.baseUrl()).accountId(server.config().accountId())
                     .apiToken(TOKEN).build();
             Connection duckdb = new DuckDBDriver().connect("jdbc:duckdb:", new Properties())) {
            client.buckets().create(BucketSpec.builder("lake").build());
            client.catalogs().enable("lake");
            JdbcCatalog catalog = server.catalogs().catalog("lake").catalog();
            catalog.createNamespace(Namespace.of("bench"));
            try (Statement statement = duckdb.createStatement()) {
                statement.execute("SET threads = " + Runtime.getRuntime().availableProcessors());
            }
            client.catalogs().updateMaintenance("lake", MaintenanceUpdate.compaction(true, targetMb));
            warmUp(server, catalog, duckdb, work.resolve("warm-up"), fileMb, rowGroupRows);

            Table table = catalog.createTable(TableIdentifier.of("bench", "events"), EventTable.SCHEMA, EventTable.SPEC);
            long started = System.nanoTime();
            int written = fill(duckdb, table, work.resolve("generated"), totalMb, fileMb, rowGroupRows, days);
            System.out.printf("Wrote %,d files (%,.0f MB) in %d days in %.0f s%n%n", written, bytes(table) / 1e6, days,
                    (System.nanoTime() - started) / 1e9);

            List<String> before = query(duckdb, table, "before");
            OperatingSystemMXBean system = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
            long cpuBefore = system.getProcessCpuTime();
            Map<String, Double> threadsBefore = threadCpuSeconds();
            JobOutcome compaction = compactionOf(server, "bench.events");
            double cpuSeconds = (system.getProcessCpuTime() - cpuBefore) / 1e9;
            Map<String, Double> threadsAfter = threadCpuSeconds();
            double load = system.getSystemLoadAverage();
            table.refresh();
            List<String> after = query(duckdb, table, "after");

            double seconds = compaction.duration().toNanos() / 1e9;
            System.out.println();
            System.out.println("| compaction (target " + targetMb + " MB) | files in | MB in | files out | MB out "
                    + "| seconds | MB/s | CPU seconds | MB per CPU second | load (1 min) |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            System.out.printf("| %s | %,d | %,.0f | %,d | %,.0f | %.1f | %.0f | %.1f | %.0f | %.1f |%n",
                    compaction.status().label(), compaction.filesIn(), compaction.bytesIn() / 1e6,
                    compaction.filesOut(), compaction.bytesOut() / 1e6, seconds, compaction.bytesIn() / 1e6 / seconds,
                    cpuSeconds, compaction.bytesIn() / 1e6 / cpuSeconds, load);
            System.out.println();
            // The JIT compiles compaction's code while it first runs, on the cores it runs on.
            System.out.printf("Of the CPU seconds: JIT compiler %.1f, garbage collector %.1f%n",
                    threadsAfter.getOrDefault(COMPILER, 0.0) - threadsBefore.getOrDefault(COMPILER, 0.0),
                    threadsAfter.getOrDefault(COLLECTOR, 0.0) - threadsBefore.getOrDefault(COLLECTOR, 0.0));
            System.out.println("Files per day after: " + filesPerDay(table));
            System.out.println("Same answer before and after: " + before.equals(after));
        }
    }

    /** Writes small files day by day with DuckDB and appends them; answers how many. */
    /**
     * Compacts a table of {@value #WARM_UP_MB} MB of files of the same shape first, unmeasured: a server
     * that has compacted before has compaction's code compiled, where a new JVM's JIT compilers would
     * take 3-4 CPU seconds of the measured job (most of it, for the smaller tables).
     */
    private static void warmUp(FloeServer server, JdbcCatalog catalog, Connection duckdb, Path generated, double fileMb,
                               int rowGroupRows) throws Exception {
        Table warmUp = catalog.createTable(TableIdentifier.of("bench", "warm_up"), EventTable.SCHEMA, EventTable.SPEC);
        fill(duckdb, warmUp, generated, WARM_UP_MB, fileMb, rowGroupRows, 1);
        JobOutcome outcome = compactionOf(server, "bench.warm_up");
        System.out.printf("Warm-up (not measured): compacted %,d files (%,.0f MB) into %,d in %.1f s%n%n",
                outcome.filesIn(), outcome.bytesIn() / 1e6, outcome.filesOut(), outcome.duration().toNanos() / 1e9);
    }

    /** Runs one maintenance round and returns what its compaction did to {@code table}. */
    private static JobOutcome compactionOf(FloeServer server, String table) {
        return server.catalogMaintenance().runRound().stream()
                .filter(outcome -> outcome.kind() == JobKind.COMPACTION && outcome.table().equals(table))
                .findFirst().orElseThrow(() -> new IllegalStateException("no compaction of " + table + " ran"));
    }

    private static int fill(Connection duckdb, Table table, Path generated, long totalMb, double fileMb, int rowGroupRows,
                            int days) throws Exception {
        long rowsPerDay = Math.max(1, totalMb * 1_000_000 / days / bytesPerRow(duckdb, generated));
        int count = 0;
        for (int day = 0; day < days; day++) {
            Path folder = generated.resolve("day-" + day);
            copy(duckdb, rows(FIRST_DAY.plusDays(day), rowsPerDay), folder, fileMb, rowGroupRows);
            List<Path> files;
            try (Stream<Path> listed = Files.list(folder)) {
                files = listed.sorted().toList();
            }
            for (int from = 0; from < files.size(); from += FILES_PER_COMMIT) {
                AppendFiles append = table.newAppend();
                for (Path file : files.subList(from, Math.min(files.size(), from + FILES_PER_COMMIT))) {
                    append.appendFile(EventTable.place(table, file, FIRST_DAY.plusDays(day)));
                }
                append.commit();
            }
            count += files.size();
        }
        return count;
    }

    /** How many bytes a row takes in such files, from a sample. */
    private static long bytesPerRow(Connection duckdb, Path generated) throws Exception {
        Path sample = generated.resolve("sample");
        copy(duckdb, rows(FIRST_DAY, 200_000), sample, 1024, 122_880);
        long bytes;
        try (Stream<Path> files = Files.list(sample)) {
            bytes = files.mapToLong(CompactionBenchmark::size).sum();
        }
        AtomicFiles.deleteTree(sample);
        return Math.max(1, bytes / 200_000);
    }

    private static String rows(LocalDate day, long count) {
        return "SELECT uuid()::VARCHAR AS event_id, 'ns-' || (i % 50) AS ns, "
                + "['create', 'update', 'delete'][i % 3 + 1] AS verb, "
                + "'https://example.com/sources/' || (i % 5000) || '?ref=campaign-' || (i % 37) AS source, "
                + "i AS object_seq, (random() * 1000)::DOUBLE AS amount, "
                + "TIMESTAMPTZ '" + day + " 00:00:00+00' + to_microseconds(i * 86400000000 // " + count + ") AS ts, "
                + "'{\"k\":' || (i % 97) || ',\"tags\":[\"a\",\"b\"],\"note\":\"' || repeat('x', 40) || '\"}' AS data "
                + "FROM range(" + count + ") r(i)";
    }

    private static void copy(Connection duckdb, String select, Path folder, double fileMb, int rowGroupRows)
            throws Exception {
        Files.createDirectories(folder.getParent());
        try (Statement statement = duckdb.createStatement()) {
            // A file closes once past its size, at the end of a row group.
            statement.execute("COPY (" + select + ") TO '" + folder + "' (FORMAT parquet, COMPRESSION zstd, "
                    + "ROW_GROUP_SIZE " + rowGroupRows + ", FILE_SIZE_BYTES " + (long) (fileMb * 1_000_000)
                    + ", FIELD_IDS " + EventTable.fieldIds() + ")");
        }
    }

    /** Plans the query's files with Iceberg and runs it with DuckDB three times; prints the times. */
    private static List<String> query(Connection duckdb, Table table, String when) throws Exception {
        List<Long> planMillis = new ArrayList<>();
        List<Long> queryMillis = new ArrayList<>();
        List<String> answer = new ArrayList<>();
        int files = 0;
        for (int run = 0; run < 3; run++) {
            long started = System.nanoTime();
            List<String> paths = files(table).stream().map(file -> "'" + LocalFileIO.path(file.location()) + "'")
                    .toList();
            long planned = System.nanoTime();
            answer.clear();
            try (Statement statement = duckdb.createStatement();
                 ResultSet rows = statement.executeQuery(String.format(QUERY, "[" + String.join(", ", paths) + "]"))) {
                while (rows.next()) {
                    answer.add(rows.getString(1) + " " + rows.getLong(2) + " " + rows.getLong(3) + " " + rows.getLong(4));
                }
            }
            planMillis.add((planned - started) / 1_000_000);
            queryMillis.add((System.nanoTime() - planned) / 1_000_000);
            files = paths.size();
        }
        System.out.printf("Query %s compaction: %,d files, plan %d ms, query %d ms (medians of 3; runs %s)%n", when,
                files, EventTable.median(planMillis), EventTable.median(queryMillis), queryMillis);
        return answer;
    }

    private static List<DataFile> files(Table table) throws IOException {
        List<DataFile> files = new ArrayList<>();
        try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
            tasks.forEach(task -> files.add(task.file()));
        }
        return files;
    }

    private static long bytes(Table table) throws IOException {
        return files(table).stream().mapToLong(DataFile::fileSizeInBytes).sum();
    }

    private static Map<String, Long> filesPerDay(Table table) throws IOException {
        return files(table).stream().collect(Collectors.groupingBy(
                file -> table.spec().partitionToPath(file.partition()), TreeMap::new, Collectors.counting()));
    }

    /**
     * CPU seconds so far of the process's live threads of the JIT's compilers and of the garbage
     * collector, read from Linux's /proc (none elsewhere); a thread that ended meanwhile is missing.
     */
    private static Map<String, Double> threadCpuSeconds() throws IOException {
        Map<String, Double> seconds = new TreeMap<>();
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return seconds;
        }
        try (Stream<Path> threads = Files.list(tasks)) {
            for (Path thread : threads.toList()) {
                String stat;
                try {
                    stat = Files.readString(thread.resolve("stat"));
                } catch (IOException ended) {
                    continue;
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                // After the name: state, then 10 fields, then user and system time in clock ticks of 10 ms.
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                double cpu = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
                if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
                    seconds.merge(COMPILER, cpu, Double::sum);
                } else if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
                    seconds.merge(COLLECTOR, cpu, Double::sum);
                }
            }
        }
        return seconds;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
