package dev.floe.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import dev.floe.error.InvalidRecordsException;
import dev.floe.error.RecordError;
import dev.floe.stream.log.LogRecord;
import dev.floe.testing.ResponseDroppingProxy;
import dev.floe.testing.RunningServer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** floe-client against a real server: the control plane, and the Stream binding's safe retries. */
class FloeClientEndToEndTest {
    private static final String TOKEN = "client-token";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dataDir;

    private static FloeClient client(String baseUrl) {
        return FloeClient.builder().baseUrl(baseUrl).accountId(RunningServer.ACCOUNT).apiToken(TOKEN)
                .retryDeadline(Duration.ofSeconds(20)).build();
    }

    private static List<String> stored(RunningServer server, String stream) {
        var definition = server.server().streams().get(stream);
        return server.server().streams().log(definition).read(0, 10_000, Long.MAX_VALUE).stream()
                .map(LogRecord::payload).map(bytes -> new String(bytes, StandardCharsets.UTF_8)).toList();
    }

    @Test
    void managesStreamsThroughTheControlPlane() throws Exception {
        try (RunningServer server = RunningServer.start(dataDir, Map.of("api-token", TOKEN));
             FloeClient client = client(server.baseUrl())) {
            StreamInfo created = client.streams().create(StreamSpec.builder("orders")
                    .schema(MAPPER.readTree("{\"fields\":[{\"name\":\"id\",\"type\":\"string\",\"required\":true}]}"))
                    .httpAuthentication(false).corsOrigins(List.of("https://shop.example")).build());

            assertThat(created.id()).matches("[0-9a-f]{32}");
            assertThat(created.endpoint()).isEqualTo(server.baseUrl() + "/ingest/" + created.id());
            assertThat(client.streams().get("orders").id()).isEqualTo(created.id());
            Page<StreamInfo> page = client.streams().list(1, 10, null);
            assertThat(page.items()).extracting(StreamInfo::name).containsExactly("orders");
            assertThat(page.totalCount()).isEqualTo(1);

            StreamInfo updated = client.streams().update("orders", StreamUpdate.builder().httpEnabled(false).build());
            assertThat(updated.version()).isEqualTo(2);
            assertThat(client.streams().get(created.id()).version()).isEqualTo(2);

            assertThatThrownBy(() -> client.streams().create(StreamSpec.builder("orders").build()))
                    .isInstanceOf(FloeException.class).hasMessageContaining("already exists")
                    .extracting(e -> ((FloeException) e).code()).isEqualTo(ErrorCode.CONFLICT);

            client.streams().delete("orders", false);
            assertThatThrownBy(() -> client.streams().get("orders"))
                    .extracting(e -> ((FloeException) e).code()).isEqualTo(ErrorCode.NOT_FOUND);
        }
    }

    @Test
    void sendReturnsOnceRecordsAreDurableAndNamesInvalidRecords() throws Exception {
        try (RunningServer server = RunningServer.start(dataDir, Map.of("api-token", TOKEN));
             FloeClient client = client(server.baseUrl())) {
            client.streams().create(StreamSpec.builder("events").schema(MAPPER.readTree(
                    "{\"fields\":[{\"name\":\"verb\",\"type\":\"string\",\"required\":true},"
                            + "{\"name\":\"n\",\"type\":\"int32\"}]}")).build());
            Stream events = client.stream("events");

            SendResult result = events.send(List.of(Map.of("verb", "created", "n", 1), Map.of("verb", "updated")));

            assertThat(result.committed()).isEqualTo(2);
            assertThat(stored(server, "events")).hasSize(2);
            assertThat(MAPPER.readTree(stored(server, "events").get(0)).path("verb").asText()).isEqualTo("created");

            assertThatThrownBy(() -> events.send(List.of(Map.of("verb", "ok"), Map.of("n", "x"))))
                    .isInstanceOfSatisfying(InvalidRecordsException.class, invalid -> {
                        assertThat(invalid.errors()).extracting(RecordError::index, RecordError::field,
                                RecordError::kind).containsExactlyInAnyOrder(
                                org.assertj.core.groups.Tuple.tuple(1, "verb", RecordError.MISSING_FIELD),
                                org.assertj.core.groups.Tuple.tuple(1, "n", RecordError.TYPE_MISMATCH));
                        assertThat(invalid.getMessage()).contains("verb", "missing_field");
                    });
            assertThat(stored(server, "events")).hasSize(2);
        }
    }

    @Test
    void aLostAcknowledgementIsRetriedWithoutDuplicatingRecords() throws Exception {
        try (RunningServer server = RunningServer.start(dataDir, Map.of("api-token", TOKEN));
             ResponseDroppingProxy proxy = new ResponseDroppingProxy(server.server().port(), 2)) {
            try (FloeClient direct = client(server.baseUrl())) {
                direct.streams().create(StreamSpec.builder("audit").build());
            }
            try (FloeClient client = client(proxy.baseUrl())) {
                Stream audit = client.stream("audit", "relay-7");

                SendResult result = audit.send(List.of(Map.of("a", 1), Map.of("a", 2), Map.of("a", 3)));

                assertThat(proxy.forwarded()).isEqualTo(3);
                assertThat(result.committed()).isEqualTo(3);
                assertThat(result.duplicates()).isEqualTo(3);
                assertThat(stored(server, "audit")).containsExactly("{\"a\":1}", "{\"a\":2}", "{\"a\":3}");

                SendResult next = audit.send(List.of(Map.of("a", 4)));
                assertThat(next.appended()).isEqualTo(1);
                assertThat(audit.send(List.of(Map.of("a", 3)), 2).duplicates()).isEqualTo(1);
                assertThat(stored(server, "audit")).hasSize(4);
            }
        }
    }

    @Test
    void producerBatchesAreRetriedAfterALostAcknowledgementWithoutDuplicatingAny() throws Exception {
        try (RunningServer server = RunningServer.start(dataDir, Map.of("api-token", TOKEN));
             ResponseDroppingProxy proxy = new ResponseDroppingProxy(server.server().port(), 1)) {
            try (FloeClient direct = client(server.baseUrl())) {
                direct.streams().create(StreamSpec.builder("outbox").build());
            }
            try (FloeClient client = client(proxy.baseUrl())) {
                ProducerBatches outbox = client.producerBatches("outbox");

                List<SendResult> results = outbox.send(List.of(
                        new ProducerBatch("object-1#1", 0, List.of(Map.of("n", "1.0"), Map.of("n", "1.1"))),
                        new ProducerBatch("object-2#1", 5, List.of(Map.of("n", "2.5")))));
                List<SendResult> overlapping = outbox.send(List.of(
                        new ProducerBatch("object-2#1", 5, List.of(Map.of("n", "2.5"), Map.of("n", "2.6"))),
                        new ProducerBatch("object-1#1", 2, List.of())));

                assertThat(proxy.forwarded()).isEqualTo(3);
                assertThat(results).containsExactly(new SendResult(2, 0, 2, 3), new SendResult(1, 0, 1, 3));
                assertThat(overlapping).containsExactly(new SendResult(2, 1, 1, 3), new SendResult(0, 0, 0, 4));
                assertThat(stored(server, "outbox")).containsExactly("{\"n\":\"1.0\"}", "{\"n\":\"1.1\"}",
                        "{\"n\":\"2.5\"}", "{\"n\":\"2.6\"}");
            }
            try (FloeClient client = client(server.baseUrl())) {
                assertThatThrownBy(() -> client.producerBatches("missing").send(List.of(
                        new ProducerBatch("p", 0, List.of(Map.of("a", 1))))))
                        .extracting(e -> ((FloeException) e).code()).isEqualTo(ErrorCode.NOT_FOUND);
            }
            assertThatThrownBy(() -> new ProducerBatch("has space", 0, List.of()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("visible ASCII");
            assertThatThrownBy(() -> new ProducerBatch("p", -1, List.of()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("firstSequence");
        }
    }

    @Test
    void sendWaitsForAServerThatIsNotUpYet() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Map<String, String> settings = Map.of("api-token", TOKEN, "port", Integer.toString(port));
        try (RunningServer setup = RunningServer.start(dataDir, settings); FloeClient client = client(setup.baseUrl())) {
            client.streams().create(StreamSpec.builder("late").build());
        }
        CompletableFuture<RunningServer> restarted = CompletableFuture.supplyAsync(() -> {
            try {
                Thread.sleep(1_500);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return RunningServer.start(dataDir, settings);
        });
        try (FloeClient client = client("http://127.0.0.1:" + port)) {
            SendResult result = client.stream("late").send(List.of(Map.of("x", 1)));
            assertThat(result.committed()).isEqualTo(1);
            assertThat(stored(restarted.join(), "late")).containsExactly("{\"x\":1}");
        } finally {
            restarted.join().close();
        }
    }

    @Test
    void anUnreachableServerIsReportedAfterTheDeadline() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        try (FloeClient client = FloeClient.builder().baseUrl("http://127.0.0.1:" + port).accountId("local")
                .retryDeadline(Duration.ofMillis(500)).build()) {
            assertThatThrownBy(() -> client.stream("nowhere").send(List.of(Map.of("x", 1))))
                    .isInstanceOf(FloeException.class)
                    .hasMessageContaining("cannot reach floe at http://127.0.0.1:" + port)
                    .extracting(e -> ((FloeException) e).code()).isEqualTo(ErrorCode.UNAVAILABLE);
        }
    }
}
