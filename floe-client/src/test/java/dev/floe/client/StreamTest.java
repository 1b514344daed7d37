package dev.floe.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.floe.client.internal.ApiRequest;
import dev.floe.client.internal.ScriptedTransport;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import dev.floe.error.InvalidRecordsException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.floe.client.internal.ScriptedTransport.body;
import static dev.floe.client.internal.ScriptedTransport.json;
import static dev.floe.client.internal.ScriptedTransport.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StreamTest {
    private static final String ACK = "{\"committed\":2,\"appended\":2,\"duplicates\":0,\"first_offset\":40}";

    private final ScriptedTransport server = new ScriptedTransport();
    private final FloeClient client = FloeClient.builder().apiToken("tok").transport(server).build();

    record Click(String user, int count) {
    }

    private static long sequenceOf(ApiRequest request) {
        return Long.parseLong(request.headers().get("Floe-Producer-Sequence"));
    }

    @Test
    void sendPostsRecordsToTheBindingRouteAndReturnsTheAcknowledgement() {
        server.thenRespond(ok(ACK));
        Stream stream = client.stream("clicks", "producer-1");

        SendResult result = stream.send(List.of(new Click("u1", 1), Map.of("user", "u2")));

        assertThat(result).isEqualTo(new SendResult(2, 2, 0, 40));
        ApiRequest request = server.lastRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.uri())
                .hasToString("http://127.0.0.1:8787/client/v4/accounts/local/pipelines/v1/streams/clicks/records");
        assertThat(request.headers()).containsEntry("Floe-Producer-Id", "producer-1")
                .containsEntry("Floe-Producer-Sequence", "0")
                .containsEntry("Authorization", "Bearer tok");
        assertThat(body(request)).isEqualTo("[{\"user\":\"u1\",\"count\":1},{\"user\":\"u2\"}]");
    }

    @Test
    void jsonNodesAreSentAsTheyAre() throws Exception {
        server.thenRespond(ok(ACK));

        client.stream("s").send(List.of(new ObjectMapper().readTree("{\"a\":[1,2]}")));

        assertThat(body(server.lastRequest())).isEqualTo("[{\"a\":[1,2]}]");
    }

    @Test
    void batchesGetConsecutiveSequenceNumbers() {
        server.thenRespond(ok(ACK)).thenRespond(ok(ACK)).thenRespond(ok(ACK));
        Stream stream = client.stream("s");

        stream.send(List.of(1, 2, 3));
        stream.send(List.of(4));
        stream.send(List.of(5, 6));

        assertThat(server.requests()).extracting(StreamTest::sequenceOf).containsExactly(0L, 3L, 4L);
        assertThat(stream.nextSequence()).isEqualTo(6);
    }

    @Test
    void eachHandleIsItsOwnProducer() {
        assertThat(client.stream("s").producerId()).hasSize(32).isNotEqualTo(client.stream("s").producerId());
    }

    @Test
    void retriesTheSameRequestAfterAConnectionFailure() {
        server.thenFail(new ConnectException("Connection reset")).thenRespond(ok(ACK));
        Stream stream = client.stream("s");

        stream.send(List.of("a", "b"));

        assertThat(server.requests()).hasSize(2);
        ApiRequest first = server.requests().get(0);
        ApiRequest retry = server.requests().get(1);
        assertThat(retry.headers()).isEqualTo(first.headers());
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(stream.nextSequence()).isEqualTo(2);
    }

    @Test
    void invalidRecordsAreNamedAndLeaveTheSequenceNumbersUnused() {
        server.thenRespond(json(400, """
                {"success":false,"errors":[{"code":1002,"message":"1 of 2 records are invalid; nothing was written"}],
                 "messages":[],"result":{"record_errors":[{"index":1,"field":"count","kind":"type_mismatch",
                 "message":"expected int32, found string"}],"total_record_errors":1}}"""))
                .thenRespond(ok(ACK));
        Stream stream = client.stream("s");

        assertThatThrownBy(() -> stream.send(List.of(Map.of("count", 1), Map.of("count", "x"))))
                .isInstanceOf(InvalidRecordsException.class)
                .hasMessageContaining("record 1, field count: type_mismatch");
        stream.send(List.of(Map.of("count", 1)));

        assertThat(server.requests()).extracting(StreamTest::sequenceOf).containsExactly(0L, 0L);
    }

    @Test
    void failureThatMayHaveWrittenUsesUpTheSequenceNumbers() {
        server.thenRespond(json(500, "{\"success\":false,\"errors\":[{\"code\":1500,\"message\":\"disk\"}]}"))
                .thenRespond(ok(ACK));
        Stream stream = client.stream("s");

        assertThatThrownBy(() -> stream.send(List.of(1, 2)))
                .isInstanceOfSatisfying(FloeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL));
        stream.send(List.of(3));

        assertThat(server.requests()).extracting(StreamTest::sequenceOf).containsExactly(0L, 2L);
    }

    @Test
    void callerNumberedSendsUseTheGivenSequenceAndMoveTheCounterPastIt() {
        server.thenRespond(ok(ACK)).thenRespond(ok(ACK)).thenRespond(ok(ACK));
        Stream stream = client.stream("s", "outbox-7");

        stream.send(List.of(1, 2), 100);
        stream.send(List.of(1), 50);
        stream.send(List.of(3));

        assertThat(server.requests()).extracting(StreamTest::sequenceOf).containsExactly(100L, 50L, 102L);
        assertThatThrownBy(() -> stream.send(List.of(1), -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrentSendsGoOutOneAtATimeInSequenceOrderWithoutGaps() throws Exception {
        int threads = 8;
        int sendsPerThread = 50;
        for (int i = 0; i < threads * sendsPerThread; i++) {
            server.thenRespond(ok(ACK));
        }
        Stream stream = client.stream("s");

        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < sendsPerThread; i++) {
                        stream.send(List.of(1, 2, 3));
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        }

        List<Long> sequences = server.requests().stream().map(StreamTest::sequenceOf).toList();
        assertThat(sequences).hasSize(threads * sendsPerThread);
        for (int i = 0; i < sequences.size(); i++) {
            assertThat(sequences.get(i)).isEqualTo(3L * i);
        }
        assertThat(stream.nextSequence()).isEqualTo(3L * threads * sendsPerThread);
    }

    @Test
    void recordsJacksonCannotSerializeAreAnInvalidRequest() {
        Object unserializable = new Object() {
            @SuppressWarnings("unused")
            public Object getSelf() {
                return this;
            }
        };

        assertThatThrownBy(() -> client.stream("s").send(List.of(unserializable)))
                .isInstanceOfSatisfying(FloeException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
                .hasMessageStartingWith("cannot turn the records into JSON: ");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void producerIdsMustFitAHeader() {
        assertThatThrownBy(() -> client.stream("s", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.stream("s", "a b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.stream("s", "x".repeat(256))).isInstanceOf(IllegalArgumentException.class);
        assertThat(client.stream("s", "x".repeat(255)).producerId()).hasSize(255);
    }
}
