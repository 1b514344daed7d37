package dev.floe.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.floe.client.BucketSpec;
import dev.floe.client.FloeClient;
import dev.floe.client.SinkSpec;
import dev.floe.client.StreamInfo;
import dev.floe.client.StreamSpec;
import dev.floe.server.FloeServer;
import dev.floe.server.ServerConfig;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.duckdb.DuckDBDriver;

/**
 * Throughput from a filled stream to committed zstd Parquet files through a pipeline that reshapes
 * events, against the native ceiling measured in the same run: DuckDB alone converting the same events
 * from one NDJSON file to one zstd Parquet file with the equivalent SELECT.
 *
 * <p>The stream is filled over HTTP ingest before the pipeline exists, so the pipeline starts with the
 * whole stream waiting. The clock runs from the request creating the pipeline until its lag is zero
 * with every event read: every sink has then committed its last file.
 *
 * <p>The server first runs the same pipeline over a stream of its own of {@code warm-up events}
 * (a quarter of the events unless given; 0 for none), as a server that has run pipelines before
 * would have: the JIT compiles the runner's code meanwhile, a few CPU seconds that a long-running
 * server spends once. That run is reported too.
 *
 * <p>Usage: {@code PipelineBenchmark <work-dir> [events] [warm-up events]}
 */
public final class PipelineBenchmark {
    private static final String STREAM = "bench_events";
    private static final String SINK = "bench_parquet";
    private static final String PIPELINE = "bench_pipeline";
    private static final String WARM_UP = "warm_up";
    private static final int INGEST_CLIENTS = 4;
    private static final int INGEST_BATCH = 1000;
    private static final long FILE_SIZE_BYTES = 128L << 20;
    private static final long ENGINE_MEMORY_BYTES = 1L << 30;

    private static final String PIPELINE_SQL = """
            INSERT INTO bench_parquet
            SELECT event_id, ns || '/' || source AS object_key, verb, object_seq, amount, timestamp,
                   json_get_str(data, 'round') AS round, json_get_int(data, 'seats') AS seats,
                   json_get_str(data, 'raisedAt') AS raised_at
            FROM bench_events
            WHERE json_get_int(data, 'seats') > 0""";

    /** The pipeline's SELECT with DuckDB's own functions, over the stream's events in one file. */
    private static final String CEILING_SELECT = """
            SELECT event_id, ns || '/' || source AS object_key, verb, object_seq, amount,
                   CAST(make_timestamp(timestamp * 1000) AS TIMESTAMP WITH TIME ZONE) AS timestamp,
                   data->>'$.round' AS round, CAST(data->'$.seats' AS BIGINT) AS seats,
                   data->>'$.raisedAt' AS raised_at
            FROM read_json('%s', format = 'newline_delimited', columns = {event_id: 'VARCHAR', ns: 'VARCHAR',
                 verb: 'VARCHAR', source: 'VARCHAR', object_seq: 'BIGINT', amount: 'DOUBLE', timestamp: 'BIGINT',
                 data: 'JSON'})
            WHERE CAST(data->'$.seats' AS BIGINT) > 0""";

    private PipelineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "bench-data").toAbsolutePath();
        long events = args.length > 1 ? Long.parseLong(args[1]) : 3_000_000;
        long warmUpEvents = args.length > 2 ? Long.parseLong(args[2]) : events / 4;
        int threads = Runtime.getRuntime().availableProcessors();
        Path ndjson = work.resolve("events.ndjson");
        long inputBytes = generate(ndjson, events);
        System.out.printf("events: %,d, %.1f MB as NDJSON (%.0f bytes each); engine threads: %d%n", events,
                inputBytes / 1e6, (double) inputBytes / events, threads);

        Run ceilingBefore = runCeiling(ndjson, work.resolve("ceiling.parquet"), threads, events);
        Run warmUp = null;
        Run pipeline;
        try (FloeServer server = FloeServer.start(ServerConfig.resolve(
                Map.of("port", "0", "data-dir", work.resolve("data").toString()), Map.of(), null));
                FloeClient client = FloeClient.builder().baseUrl(server.baseUrl())
                        .accountId(server.config().accountId()).build()) {
            client.buckets().create(BucketSpec.builder("lake").build());
            if (warmUpEvents > 0) {
                fill(client, server, WARM_UP + "_" + STREAM, ndjson, warmUpEvents);
                warmUp = runPipeline(client, server, WARM_UP + "_", warmUpEvents);
            }
            fill(client, server, STREAM, ndjson, events);
            pipeline = runPipeline(client, server, "", events);
        }
        Run ceilingAfter = runCeiling(ndjson, work.resolve("ceiling.parquet"), threads, events);
        long rowsInFiles = countRows(work.resolve("data/buckets/lake/events"));

        System.out.println();
        System.out.println("| run | seconds | events/s | CPU seconds | rows written | files | file MB "
                + "| peak heap MB (live after GC) | RSS MB at start, peak | other processes' CPU (cores) |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        ceilingBefore.print("DuckDB alone (ceiling), before");
        if (warmUp != null) {
            warmUp.print("floe pipeline, warm-up: the server's first, over " + warmUpEvents + " events");
        }
        pipeline.print("floe pipeline");
        ceilingAfter.print("DuckDB alone (ceiling), after");
        double ceiling = Math.max(ceilingBefore.eventsPerSecond(), ceilingAfter.eventsPerSecond());
        System.out.printf("%nfloe / the faster ceiling: %.0f%%; rows in the sink's files: %,d (DuckDB alone wrote %,d)%n",
                100.0 * pipeline.eventsPerSecond() / ceiling, rowsInFiles, ceilingAfter.rows());
        if (rowsInFiles != ceilingAfter.rows()) {
            throw new IllegalStateException("the pipeline's files hold " + rowsInFiles + " rows, DuckDB alone wrote "
                    + ceilingAfter.rows());
        }
    }

    /** What one contender did: its time, output and the process's memory peaks meanwhile. */
    private record Run(double seconds, long rows, long files, long bytes, MemoryPeaks.Peaks memory, double cpuSeconds,
                       double otherCores, long events) {
        double eventsPerSecond() {
            return events / seconds;
        }

        void print(String name) {
            System.out.printf("| %s | %.2f | %,.0f | %.1f | %,d | %d | %.1f | %d (%d) | %d, %d | %.2f |%n", name, seconds,
                    eventsPerSecond(), cpuSeconds, rows, files, bytes / 1e6, memory.heapBytes() >> 20,
                    memory.liveHeapBytes() >> 20, memory.startRssBytes() >> 20, memory.rssBytes() >> 20, otherCores);
        }
    }

    private static long generate(Path file, long events) throws IOException {
        Files.createDirectories(file.getParent());
        Random random = new Random(42);
        StringBuilder line = new StringBuilder(512);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (long i = 0; i < events; i++) {
                line.setLength(0);
                BenchEvents.append(line, random, i, (int) (i % INGEST_CLIENTS));
                out.append(line).append('\n');
            }
        }
        return Files.size(file);
    }

    /** Creates a stream and fills it with the file's first events over HTTP ingest. */
    private static void fill(FloeClient client, FloeServer server, String name, Path ndjson, long events) throws Exception {
        StreamInfo stream = client.streams().create(StreamSpec.builder(name)
                .schema(new ObjectMapper().readTree(BenchEvents.SCHEMA)).build());
        long fillStart = System.nanoTime();
        fill(server.port(), URI.create(stream.endpoint()).getPath(), ndjson, events);
        System.out.printf("stream %s filled with %,d events over HTTP ingest in %.1f s%n", name, events,
                (System.nanoTime() - fillStart) / 1e9);
    }

    /** Posts the file's first events in batches from several clients, as a busy stream would receive them. */
    private static void fill(int port, String path, Path ndjson, long events) throws Exception {
        try (BufferedReader lines = Files.newBufferedReader(ndjson, StandardCharsets.UTF_8)) {
            AtomicLong left = new AtomicLong(events);
            List<Thread> clients = new ArrayList<>();
            List<Exception> failures = new ArrayList<>();
            for (int c = 0; c < INGEST_CLIENTS; c++) {
                clients.add(Thread.ofPlatform().start(() -> {
                    try (RawHttpClient http = new RawHttpClient("127.0.0.1", port)) {
                        for (byte[] body; (body = nextBatch(lines, left)) != null; ) {
                            post(http, port, path, body);
                        }
                    } catch (Exception e) {
                        synchronized (failures) {
                            failures.add(e);
                        }
                    }
                }));
            }
            for (Thread thread : clients) {
                thread.join();
            }
            if (!failures.isEmpty()) {
                throw failures.getFirst();
            }
        }
    }

    private static byte[] nextBatch(BufferedReader lines, AtomicLong left) throws IOException {
        StringBuilder body = new StringBuilder(INGEST_BATCH * 320).append('[');
        synchronized (lines) {
            for (int i = 0; i < INGEST_BATCH && left.getAndDecrement() > 0; i++) {
                String line = lines.readLine();
                if (line == null) {
                    break;
                }
                body.append(i == 0 ? "" : ",").append(line);
            }
        }
        return body.length() == 1 ? null : body.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void post(RawHttpClient http, int port, String path, byte[] body) throws Exception {
        byte[] head = RawHttpClient.postHead("127.0.0.1", port, path, body.length);
        for (int status; (status = http.exchange(head, body)) != 200; ) {
            if (status != 429) {
                throw new IllegalStateException("ingest answered " + status);
            }
            Thread.sleep(10);
        }
    }

    /**
     * Creates the sink and the pipeline (their names and the stream's beginning with {@code prefix}),
     * and waits until the pipeline committed every event.
     */
    private static Run runPipeline(FloeClient client, FloeServer server, String prefix, long events) throws Exception {
        client.sinks().create(SinkSpec.builder(prefix + SINK, "r2", "lake").format("parquet").compression("zstd")
                .path(prefix + "events").rollIntervalSeconds(3600).rollFileSizeBytes(FILE_SIZE_BYTES)
                .rollInactivitySeconds(1).build());
        MemoryPeaks peaks = MemoryPeaks.start();
        CpuUse cpu = CpuUse.start();
        ThreadCpu threads = ThreadCpu.start();
        long start = System.nanoTime();
        client.pipelines().create(prefix + PIPELINE, PIPELINE_SQL.replace(SINK, prefix + SINK).replace(STREAM, prefix + STREAM));
        PipelineMetrics done = PipelineMetrics.awaitCommitted(server.baseUrl(), prefix + PIPELINE, events, start);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.println("CPU seconds by thread during the pipeline: " + threads.secondsByName().entrySet().stream()
                .map(e -> "%s %.2f".formatted(e.getKey(), e.getValue())).toList());
        return new Run(seconds, done.recordsOut(), done.files(), done.bytes(), peaks.stop(), cpu.ownSeconds(), cpu.otherCores(), events);
    }

    private static Run runCeiling(Path ndjson, Path parquet, int threads, long events) throws Exception {
        MemoryPeaks peaks = MemoryPeaks.start();
        CpuUse cpu = CpuUse.start();
        try (Connection duckdb = new DuckDBDriver().connect("jdbc:duckdb:", new Properties());
                Statement statement = duckdb.createStatement()) {
            statement.execute("SET threads = " + threads);
            statement.execute("SET memory_limit = '" + ENGINE_MEMORY_BYTES + "B'");
            long start = System.nanoTime();
            long rows = statement.executeLargeUpdate("COPY (" + CEILING_SELECT.formatted(ndjson) + ") TO '" + parquet
                    + "' (FORMAT parquet, COMPRESSION zstd)");
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Run(seconds, rows, 1, Files.size(parquet), peaks.stop(), cpu.ownSeconds(), cpu.otherCores(), events);
        }
    }

    private static long countRows(Path root) throws SQLException {
        try (Connection duckdb = new DuckDBDriver().connect("jdbc:duckdb:", new Properties());
                Statement statement = duckdb.createStatement();
                ResultSet result = statement.executeQuery("SELECT count(*) FROM read_parquet('" + root + "/**/*.parquet')")) {
            result.next();
            return result.getLong(1);
        }
    }

    /** The pipeline's counters as {@code /metrics} shows them. */
    private record PipelineMetrics(double recordsIn, double lag, long recordsOut, long files, long bytes) {
        private static final HttpClient HTTP = HttpClient.newHttpClient();

        /** Reads the pipeline's counters; the patterns are compiled once, since the benchmark polls while it measures. */
        record Reader(String baseUrl, Pattern recordsIn, Pattern lag, Pattern recordsOut, Pattern files, Pattern bytes) {
            Reader(String baseUrl, String pipeline) {
                this(baseUrl, pattern(pipeline, "floe_pipeline_records_in_total"), pattern(pipeline, "floe_pipeline_lag_records"),
                        pattern(pipeline, "floe_pipeline_records_out_total"), pattern(pipeline, "floe_sink_files_written_total"),
                        pattern(pipeline, "floe_sink_bytes_written_total"));
            }

            private static Pattern pattern(String pipeline, String name) {
                return Pattern.compile("(?m)^" + name + "\\{[^}]*pipeline=\"" + pipeline + "\"[^}]*} (\\S+)$");
            }

            PipelineMetrics read() throws IOException, InterruptedException {
                String text = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                return new PipelineMetrics(value(text, recordsIn), value(text, lag), (long) value(text, recordsOut),
                        (long) value(text, files), (long) value(text, bytes));
            }
        }

        private static double value(String metrics, Pattern pattern) {
            Matcher matcher = pattern.matcher(metrics);
            return matcher.find() ? Double.parseDouble(matcher.group(1)) : -1;
        }

        /**
         * Polls until every event was read and none waits for a commit. The lag is only reported after
         * the runner's first batch, so reading every event comes first.
         */
        static PipelineMetrics awaitCommitted(String baseUrl, String pipeline, long events, long startNanos) throws Exception {
            long lastFiles = 0;
            Reader reader = new Reader(baseUrl, pipeline);
            while (true) {
                PipelineMetrics metrics = reader.read();
                if (metrics.files() != lastFiles) {
                    lastFiles = metrics.files();
                    System.err.printf("  %.1f s: %,.0f events read, %d file(s) committed, lag %,.0f%n",
                            (System.nanoTime() - startNanos) / 1e9, metrics.recordsIn(), metrics.files(), metrics.lag());
                }
                if (metrics.recordsIn() >= events && metrics.lag() == 0) {
                    return metrics;
                }
                if (System.nanoTime() - startNanos > 600_000_000_000L) {
                    throw new IllegalStateException("the pipeline did not commit the stream in 10 minutes: " + metrics);
                }
                Thread.sleep(50);
            }
        }
    }
}
