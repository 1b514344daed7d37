package dev.floe.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.floe.stream.log.LogConfig;
import dev.floe.stream.log.LogRecord;
import dev.floe.stream.log.StreamLog;
import dev.floe.stream.log.local.LocalLogStore;
import dev.floe.testing.HttpCall;
import dev.floe.testing.ServerProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the server as a separate process, sends batches from several writers, and kills the process
 * with SIGKILL at random moments. After every restart, every acknowledged record must be in the log
 * exactly once, and every batch that is there must be whole: nothing half-written survives.
 * Writers with a producer id retry their unacknowledged batch after the restart, so their records
 * end up in the log exactly once.
 */
class CrashRecoveryTest {
    private static final int ROUNDS = 5;
    private static final int WRITERS = 4;
    private static final int IDEMPOTENT_WRITERS = 2;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dataDir;

    /** A batch a writer sent: which writer, its number, its size, and what the server said. */
    private record Batch(int writer, int number, int size, long firstSequence) {
        String body() {
            StringBuilder body = new StringBuilder("[");
            for (int i = 0; i < size; i++) {
                body.append(i == 0 ? "" : ",").append("{\"w\":").append(writer).append(",\"b\":").append(number)
                        .append(",\"i\":").append(i).append(",\"pad\":\"").append("x".repeat(200)).append("\"}");
            }
            return body.append("]").toString();
        }
    }

    private final Map<String, Batch> acknowledged = new ConcurrentHashMap<>();
    private final Map<String, Batch> uncertain = new ConcurrentHashMap<>();
    private final Map<Integer, Batch> pendingRetry = new ConcurrentHashMap<>();

    @Test
    void acknowledgedRecordsSurviveSigkillExactlyOnce() throws Exception {
        Random random = new Random(20261121L);
        String streamId = null;
        int[] nextBatch = new int[WRITERS];
        long[] nextSequence = new long[WRITERS];
        for (int round = 0; round <= ROUNDS; round++) {
            ServerProcess server = ServerProcess.start(dataDir);
            try {
                if (streamId == null) {
                    streamId = HttpCall.request("POST", server.pipelinesUrl("streams"))
                            .body("{\"name\":\"crash\",\"http\":{\"authentication\":false}}").send()
                            .json().path("result").path("id").asText();
                }
                String endpoint = server.baseUrl() + "/ingest/" + streamId;
                if (round == ROUNDS) {
                    retryPendingUntilAcknowledged(endpoint);
                    assertThat(server.terminate()).isEqualTo(143);
                    break;
                }
                AtomicBoolean running = new AtomicBoolean(true);
                List<Thread> writers = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++) {
                    int writer = w;
                    long seed = random.nextLong();
                    writers.add(Thread.ofPlatform().start(() ->
                            write(writer, endpoint, running, new Random(seed), nextBatch, nextSequence)));
                }
                Thread.sleep(300 + random.nextInt(1200));
                server.kill();
                running.set(false);
                for (Thread writer : writers) {
                    writer.join(Duration.ofSeconds(60));
                }
            } finally {
                server.close();
            }
        }

        assertThat(pendingRetry).isEmpty();
        assertThat(acknowledged).hasSizeGreaterThan(ROUNDS * 2);
        verifyLog(streamId);
    }

    private void write(int writer, String endpoint, AtomicBoolean running, Random random, int[] nextBatch,
                       long[] nextSequence) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        boolean idempotent = writer < IDEMPOTENT_WRITERS;
        while (running.get()) {
            Batch batch = pendingRetry.remove(writer);
            if (batch == null) {
                batch = new Batch(writer, nextBatch[writer]++, 1 + random.nextInt(200), nextSequence[writer]);
                nextSequence[writer] += batch.size();
            }
            if (send(client, endpoint, batch, idempotent)) {
                acknowledged.put(key(batch), batch);
            } else if (idempotent) {
                pendingRetry.put(writer, batch);
                return;
            } else {
                uncertain.put(key(batch), batch);
            }
        }
    }

    private void retryPendingUntilAcknowledged(String endpoint) {
        HttpClient client = HttpClient.newHttpClient();
        for (Batch batch : List.copyOf(pendingRetry.values())) {
            assertThat(send(client, endpoint, batch, true)).as("retry of " + key(batch)).isTrue();
            acknowledged.put(key(batch), batch);
            pendingRetry.remove(batch.writer());
        }
    }

    private static boolean send(HttpClient client, String endpoint, Batch batch, boolean idempotent) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint)).timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(batch.body()));
        if (idempotent) {
            request.header("Floe-Producer-Id", "writer-" + batch.writer())
                    .header("Floe-Producer-Sequence", Long.toString(batch.firstSequence()));
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("the server refused a valid batch: " + response.body());
            }
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String key(Batch batch) {
        return batch.writer() + "/" + batch.number();
    }

    private void verifyLog(String streamId) throws IOException {
        Map<String, List<Integer>> indexesByBatch = new HashMap<>();
        List<String> batchOrder = new ArrayList<>();
        try (LocalLogStore store = new LocalLogStore(dataDir.resolve("logs"), LogConfig.DEFAULTS)) {
            StreamLog log = store.open(streamId);
            long expectedOffset = 0;
            while (expectedOffset < log.endOffset()) {
                for (LogRecord record : log.read(expectedOffset, 10_000, 16 << 20)) {
                    assertThat(record.offset()).isEqualTo(expectedOffset++);
                    JsonNode json = MAPPER.readTree(record.payload());
                    String batch = json.path("w").asInt() + "/" + json.path("b").asInt();
                    List<Integer> indexes = indexesByBatch.computeIfAbsent(batch, b -> {
                        batchOrder.add(b);
                        return new ArrayList<>();
                    });
                    indexes.add(json.path("i").asInt());
                }
            }
        }
        for (Batch batch : acknowledged.values()) {
            assertThat(indexesByBatch).as("acknowledged batch " + key(batch) + " is in the log")
                    .containsKey(key(batch));
        }
        Set<String> known = new java.util.HashSet<>(acknowledged.keySet());
        known.addAll(uncertain.keySet());
        for (String batch : batchOrder) {
            assertThat(known).as("batch " + batch + " was sent").contains(batch);
            Batch sent = acknowledged.containsKey(batch) ? acknowledged.get(batch) : uncertain.get(batch);
            List<Integer> whole = java.util.stream.IntStream.range(0, sent.size()).boxed().toList();
            assertThat(indexesByBatch.get(batch)).as("batch " + batch + " is whole and there once").isEqualTo(whole);
        }
    }
}
