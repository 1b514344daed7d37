package dev.floe.bench;

import dev.floe.server.FloeServer;
import dev.floe.server.ServerConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durable ingest throughput over HTTP on loopback: several clients post batches of events of about
 * 300 bytes to one stream with a schema, each waiting for its acknowledgement (sent after fsync)
 * before the next request. Reports events/s, MB/s and acknowledgement latency percentiles.
 *
 * <p>Usage: {@code IngestBenchmark <data-dir> [seconds-per-case] [batch sizes, comma-separated]
 * [client counts, comma-separated]}
 */
public final class IngestBenchmark {
    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args.length > 0 ? args[0] : "bench-data");
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int[] batchSizes = parseList(args.length > 2 ? args[2] : "100,1000");
        int[] clientCounts = parseList(args.length > 3 ? args[3] : "4,16");
        Map<String, String> flags = new HashMap<>();
        flags.put("port", "0");
        flags.put("data-dir", dataDir.toString());
        try (FloeServer server = FloeServer.start(ServerConfig.resolve(flags, Map.of(), null))) {
            System.out.println("| batch | clients | events/s | MB/s | p50 ms | p99 ms | requests |");
            System.out.println("|---:|---:|---:|---:|---:|---:|---:|");
            for (int batchSize : batchSizes) {
                for (int clients : clientCounts) {
                    String endpoint = createStream(server, "bench_" + batchSize + "_" + clients);
                    Result result = run(server.port(), URI.create(endpoint).getPath(), batchSize, clients, seconds);
                    System.out.printf("| %d | %d | %,.0f | %.1f | %.2f | %.2f | %d |%n", batchSize, clients,
                            result.eventsPerSecond(), result.megabytesPerSecond(), result.p50Millis(),
                            result.p99Millis(), result.requests());
                }
            }
        }
    }

    private static int[] parseList(String list) {
        return Arrays.stream(list.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    private static String createStream(FloeServer server, String name) throws IOException, InterruptedException {
        String body = "{\"name\":\"" + name + "\",\"http\":{\"enabled\":true,\"authentication\":false},\"schema\":"
                + BenchEvents.SCHEMA + "}";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        server.baseUrl() + "/client/v4/accounts/" + server.config().accountId()
                                + "/pipelines/v1/streams"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher matcher = Pattern.compile("\"endpoint\":\"([^\"]+)\"").matcher(response.body());
        if (response.statusCode() != 200 || !matcher.find()) {
            throw new IllegalStateException("creating the stream failed: " + response.body());
        }
        return matcher.group(1);
    }

    record Result(long events, long bytes, long requests, double seconds, long[] latenciesNanos) {
        double eventsPerSecond() {
            return events / seconds;
        }

        double megabytesPerSecond() {
            return bytes / seconds / 1_000_000.0;
        }

        double p50Millis() {
            return percentile(0.50);
        }

        double p99Millis() {
            return percentile(0.99);
        }

        private double percentile(double p) {
            if (latenciesNanos.length == 0) {
                return Double.NaN;
            }
            return latenciesNanos[(int) Math.min(latenciesNanos.length - 1, Math.floor(p * latenciesNanos.length))]
                    / 1_000_000.0;
        }
    }

    private static Result run(int port, String path, int batchSize, int clients, int seconds) throws Exception {
        AtomicBoolean measuring = new AtomicBoolean(false);
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> threads = new ArrayList<>();
        List<long[]> perClient = new ArrayList<>();
        long[][] counts = new long[clients][3];
        for (int c = 0; c < clients; c++) {
            int client = c;
            long[] latencies = new long[250_000];
            perClient.add(latencies);
            threads.add(Thread.ofPlatform().name("load-" + c).start(() ->
                    load(port, path, batchSize, client, measuring, running, latencies, counts[client])));
        }
        Thread.sleep(2_000);
        measuring.set(true);
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        measuring.set(false);
        double elapsed = (System.nanoTime() - start) / 1e9;
        running.set(false);
        for (Thread thread : threads) {
            thread.join();
        }
        long events = 0;
        long bytes = 0;
        long requests = 0;
        List<Long> all = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            events += counts[c][0];
            bytes += counts[c][1];
            requests += counts[c][2];
            for (int i = 0; i < counts[c][2]; i++) {
                all.add(perClient.get(c)[i]);
            }
        }
        long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Result(events, bytes, requests, elapsed, sorted);
    }

    private static void load(int port, String path, int batchSize, int client, AtomicBoolean measuring,
                             AtomicBoolean running, long[] latencies, long[] counts) {
        Random random = new Random(client);
        byte[][] bodies = new byte[8][];
        for (int i = 0; i < bodies.length; i++) {
            bodies[i] = BenchEvents.batch(random, batchSize, client);
        }
        try (RawHttpClient http = new RawHttpClient("127.0.0.1", port)) {
            int next = 0;
            while (running.get()) {
                byte[] body = bodies[next++ % bodies.length];
                byte[] head = RawHttpClient.postHead("127.0.0.1", port, path, body.length);
                long started = System.nanoTime();
                int status = http.exchange(head, body);
                long took = System.nanoTime() - started;
                if (status != 200) {
                    throw new IllegalStateException("ingest answered " + status);
                }
                if (measuring.get() && counts[2] < latencies.length) {
                    latencies[(int) counts[2]] = took;
                    counts[0] += batchSize;
                    counts[1] += body.length;
                    counts[2]++;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("load client " + client + " failed", e);
        }
    }
}
