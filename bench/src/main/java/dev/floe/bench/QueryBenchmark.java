package dev.floe.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.floe.catalog.LocalFileIO;
import dev.floe.client.BucketSpec;
import dev.floe.client.FloeClient;
import dev.floe.engine.DuckDbEngine;
import dev.floe.engine.EngineSettings;
import dev.floe.engine.ParquetBloomFilters;
import dev.floe.server.FloeServer;
import dev.floe.server.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.StringJoiner;
import java.util.function.IntFunction;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.duckdb.DuckDBDriver;

/**
 * The same queries through floe's R2 SQL API and through DuckDB directly over the same Parquet files,
 * in one run. An in-process server on 127.0.0.1 holds a local bucket whose catalog has a table of
 * events (a random UUID {@code event_id}, strings, numbers, a timestamp, a JSON {@code data} column)
 * partitioned by day. Its files are written as an {@code r2_data_catalog} sink writes them (DuckDB with
 * Iceberg field ids, bloom filters for the id column), one per hour by default as a sink rolling
 * hourly leaves them, and appended with their metrics, a day's files per commit.
 *
 * <p>Each query runs {@code runs} times through floe (HTTP, JSON answer parsed) and through DuckDB (one
 * connection with as many threads, {@code read_parquet} over every data file of the table). No run is
 * answered from floe's result cache: each run's text differs (another LIMIT, another id), and the
 * answer's {@code metrics.cached} is checked. The first run is reported apart (cold: the server's
 * code, Iceberg's metadata and DuckDB's first use; the files themselves are in the OS's cache, having
 * just been written), then the median of the others.
 *
 * <p>Usage: {@code QueryBenchmark <work-dir> [rows] [days] [files per day] [runs]}
 */
public final class QueryBenchmark {
    private static final String TOKEN = "bench-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate FIRST_DAY = LocalDate.of(2026, 4, 1);

    private QueryBenchmark() {
    }

    /** One query: its R2 SQL for floe and its DuckDB SQL over {@code %s}, the list of all files, for a run. */
    private record Query(String name, IntFunction<String> floe, IntFunction<String> duckdb) {
    }

    public static void main(String[] args) throws Exception {
        BenchArguments arguments = new BenchArguments(args);
        Path work = arguments.workDirectory();
        long rows = arguments.number(1, 10_000_000);
        int days = arguments.integer(2, 30);
        int filesPerDay = arguments.integer(3, 24);
        int runs = arguments.integer(4, 9);
        Map<String, String> flags = Map.of("port", "0", "data-dir", work.resolve("data").toString(), "api-token", TOKEN,
                "query-memory", "4GiB");
        try (FloeServer server = FloeServer.start(ServerConfig.resolve(flags, Map.of(), null));
             FloeClient client = FloeClient.builder().baseUrl(server.baseUrl()).accountId(server.config().accountId())
                     .apiToken(TOKEN).build();
             DuckDbEngine writer = DuckDbEngine.open(new EngineSettings(Runtime.getRuntime().availableProcessors(),
                     2L << 30, work.resolve("writer")));
             Connection duckdb = new DuckDBDriver().connect("jdbc:duckdb:", new Properties())) {
            client.buckets().create(BucketSpec.builder("lake").build());
            client.catalogs().enable("lake");
            JdbcCatalog catalog = server.catalogs().catalog("lake").catalog();
            catalog.createNamespace(Namespace.of("default"));
            Table table = catalog.createTable(TableIdentifier.of("default", "events"), EventTable.SCHEMA, EventTable.SPEC);
            long started = System.nanoTime();
            List<String> files;
            try (Connection connection = writer.connect()) {
                files = fill(connection, table, writer.workDirectory().resolve("generated"), rows, days, filesPerDay);
            }
            long bytes = files.stream().mapToLong(QueryBenchmark::size).sum();
            System.out.printf("Table: %,d rows in %,d files (%,.0f MB) over %d days, written in %.0f s%n%n", rows,
                    files.size(), bytes / 1e6, days, (System.nanoTime() - started) / 1e9);
            try (Statement statement = duckdb.createStatement()) {
                statement.execute("SET threads = " + Runtime.getRuntime().availableProcessors());
            }
            List<String> ids = sampleIds(duckdb, files, runs);
            String allFiles = "read_parquet(" + list(files) + ", hive_partitioning = false)";
            String url = server.baseUrl() + "/api/v1/accounts/" + server.config().accountId() + "/r2-sql/query/lake";
            System.out.println("| query | floe cold ms | floe warm ms (median) | DuckDB cold ms | DuckDB warm ms (median)"
                    + " | floe / DuckDB (warm) | floe files scanned / pruned | row groups read / skipped |");
            System.out.println("|---|---:|---:|---:|---:|---:|---|---|");
            for (Query query : queries(ids, days)) {
                measure(query, url, duckdb, allFiles, runs);
            }
        }
    }

    private static List<Query> queries(List<String> ids, int days) {
        LocalDate day = FIRST_DAY.plusDays(days - 2);
        String oneDay = "ts >= TIMESTAMPTZ '" + day + " 00:00:00+00' AND ts < TIMESTAMPTZ '" + day.plusDays(1) + " 00:00:00+00'";
        return List.of(
                new Query("aggregate (full scan)",
                        run -> "SELECT verb, count(*) AS events, round(sum(amount)) AS amount, count(DISTINCT ns) AS namespaces"
                                + " FROM events GROUP BY verb ORDER BY verb LIMIT " + (100 + run),
                        run -> "SELECT verb, count(*) AS events, round(sum(amount)) AS amount, count(DISTINCT ns) AS namespaces"
                                + " FROM %s GROUP BY verb ORDER BY verb LIMIT " + (100 + run)),
                new Query("selective filter (one day of " + days + ")",
                        run -> "SELECT count(*) AS events, round(sum(amount)) AS amount FROM events WHERE " + oneDay
                                + " AND verb = 'delete' LIMIT " + (100 + run),
                        run -> "SELECT count(*) AS events, round(sum(amount)) AS amount FROM %s WHERE " + oneDay
                                + " AND verb = 'delete' LIMIT " + (100 + run)),
                new Query("point lookup (event_id)",
                        run -> "SELECT * FROM events WHERE event_id = '" + ids.get(run) + "'",
                        run -> "SELECT * FROM %s WHERE event_id = '" + ids.get(run) + "'"),
                new Query("JSON extraction (full scan)",
                        run -> "SELECT JSON_EXTRACT(data, '$.round') AS round, count(*) AS events FROM events"
                                + " WHERE JSON_EXTRACT(data, '$.raisedAt') >= '2024-10-05' GROUP BY 1 ORDER BY 1 LIMIT " + (100 + run),
                        run -> "SELECT json_extract_string(data, '$.round') AS round, count(*) AS events FROM %s"
                                + " WHERE json_extract_string(data, '$.raisedAt') >= '2024-10-05' GROUP BY 1 ORDER BY 1 LIMIT "
                                + (100 + run)));
    }

    private static void measure(Query query, String url, Connection duckdb, String allFiles, int runs) throws Exception {
        List<Long> floeMillis = new ArrayList<>();
        List<Long> duckdbMillis = new ArrayList<>();
        List<Long> serverMillis = new ArrayList<>();
        JsonNode lastMetrics = null;
        for (int run = 0; run < runs; run++) {
            long started = System.nanoTime();
            JsonNode answer = floe(url, query.floe().apply(run));
            floeMillis.add((System.nanoTime() - started) / 1_000_000);
            started = System.nanoTime();
            List<String> expected = duckdbRows(duckdb, String.format(query.duckdb().apply(run), allFiles));
            duckdbMillis.add((System.nanoTime() - started) / 1_000_000);
            if (answer.path("metrics").path("cached").asBoolean()) {
                throw new IllegalStateException(query.name() + " was answered from the cache: " + answer.path("metrics"));
            }
            List<String> actual = new ArrayList<>();
            answer.path("rows").forEach(row -> actual.add(String.join("|", values(row))));
            if (!actual.equals(expected)) {
                throw new IllegalStateException(query.name() + ": floe answered " + actual + ", DuckDB " + expected);
            }
            lastMetrics = answer.path("metrics");
            serverMillis.add(lastMetrics.path("elapsed_ms").asLong());
        }
        long floeWarm = EventTable.median(floeMillis.subList(1, runs));
        long duckdbWarm = EventTable.median(duckdbMillis.subList(1, runs));
        System.out.printf("| %s | %d | %d | %d | %d | %.2f | %d / %d | %d / %d |%n", query.name(), floeMillis.getFirst(),
                floeWarm, duckdbMillis.getFirst(), duckdbWarm, (double) floeWarm / Math.max(1, duckdbWarm),
                lastMetrics.path("files_scanned").asLong(), lastMetrics.path("files_pruned").asLong(),
                lastMetrics.path("row_groups_scanned").asLong(), lastMetrics.path("row_groups_skipped").asLong());
        System.out.println("  runs floe " + floeMillis + " (in the server " + serverMillis + "), DuckDB " + duckdbMillis);
    }

    private static JsonNode floe(String url, String sql) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", sql)))).build();
        HttpResponse<byte[]> response = HttpHolder.CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
        JsonNode body = JSON.readTree(response.body());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(sql + " answered " + response.statusCode() + ": " + body);
        }
        return body.path("result");
    }

    /** One HTTP client for every request, on a keep-alive connection as a dashboard would hold. */
    private static final class HttpHolder {
        static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    private static List<String> values(JsonNode row) {
        List<String> values = new ArrayList<>();
        row.forEach(value -> values.add(value.isNull() ? "null" : value.asText()));
        return values;
    }

    private static List<String> duckdbRows(Connection duckdb, String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Statement statement = duckdb.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            ResultSetMetaData meta = result.getMetaData();
            while (result.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    Object value = result.getObject(i);
                    values.add(value == null ? "null" : value instanceof OffsetDateTime time
                            ? time.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) : value.toString());
                }
                rows.add(String.join("|", values));
            }
        }
        return rows;
    }

    /**
     * Writes each day's rows as {@code filesPerDay} files with DuckDB, field ids and bloom filters as a
     * table sink writes them, and appends each day's files in a commit; answers their paths.
     */
    private static List<String> fill(Connection connection, Table table, Path generated, long rows, int days,
                                     int filesPerDay) throws Exception {
        Files.createDirectories(generated);
        long rowsPerFile = rows / days / filesPerDay;
        List<String> files = new ArrayList<>();
        for (int day = 0; day < days; day++) {
            AppendFiles append = table.newAppend();
            for (int part = 0; part < filesPerDay; part++) {
                long first = (long) (day * filesPerDay + part) * rowsPerFile;
                Path file = generated.resolve(day + "-" + part + ".parquet");
                try (Statement statement = connection.createStatement()) {
                    statement.execute("COPY (" + rows(FIRST_DAY.plusDays(day), first, rowsPerFile, part, filesPerDay)
                            + ") TO '" + file + "' (FORMAT parquet, COMPRESSION zstd, FIELD_IDS " + EventTable.fieldIds() + ", "
                            + ParquetBloomFilters.COPY_OPTION + ")");
                }
                ParquetBloomFilters.add(file);
                DataFile dataFile = EventTable.place(table, file, FIRST_DAY.plusDays(day));
                append.appendFile(dataFile);
                files.add(LocalFileIO.path(dataFile.location()).toString());
            }
            append.commit();
        }
        return files;
    }

    /** Events of one file: a part of a day, in time order, as a sink's roll holds them. */
    private static String rows(LocalDate day, long first, long count, int part, int parts) {
        long dayMicros = 86_400_000_000L;
        return "SELECT uuid()::VARCHAR AS event_id, 'ns-' || (i % 50) AS ns, "
                + "['create', 'update', 'delete'][i % 3 + 1] AS verb, "
                + "'https://example.com/sources/' || (i % 5000) AS source, i AS object_seq, "
                + "round(random() * 1000, 2)::DOUBLE AS amount, "
                + "TIMESTAMPTZ '" + day + " 00:00:00+00' + to_microseconds(" + (dayMicros / parts * part) + " + (i - " + first
                + ") * " + (dayMicros / parts / count) + ") AS ts, "
                + "'{\"round\":\"' || ['seed', 'a', 'b', 'c'][i % 4 + 1] || '\",\"amount\":' || (i % 1000) "
                + "|| ',\"raisedAt\":\"2024-10-0' || (i % 9 + 1) || '\",\"note\":\"' || repeat('x', 30) || '\"}' AS data "
                + "FROM range(" + first + ", " + (first + count) + ") r(i)";
    }

    /** Ids that exist, one per run, from files spread over the table. */
    private static List<String> sampleIds(Connection duckdb, List<String> files, int count) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String file = files.get((int) ((long) i * files.size() / count + files.size() / (2L * count)) % files.size());
            try (Statement statement = duckdb.createStatement();
                 ResultSet result = statement.executeQuery("SELECT event_id FROM read_parquet('" + file + "')"
                         + " USING SAMPLE reservoir(1 ROWS) REPEATABLE (" + i + ")")) {
                result.next();
                ids.add(result.getString(1));
            }
        }
        return ids;
    }

    private static String list(List<String> files) {
        StringJoiner list = new StringJoiner(", ", "[", "]");
        files.forEach(file -> list.add("'" + file + "'"));
        return list.toString();
    }

    private static long size(String file) {
        try {
            return Files.size(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
