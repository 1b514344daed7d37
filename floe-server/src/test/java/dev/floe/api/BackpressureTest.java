package dev.floe.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.floe.testing.HttpCall;
import dev.floe.testing.HttpCall.Answer;
import dev.floe.testing.RunningServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Too much unflushed data: ingest answers 429 with Retry-After, and a refused request leaves nothing behind. */
class BackpressureTest {
    private static final int RECORDS_PER_REQUEST = 200;
    private static final int CONCURRENT_REQUESTS = 32;
    private static final int MAX_ROUNDS = 20;

    @TempDir
    Path dataDir;

    @Test
    void tooMuchPendingDataIsRefusedWith429AndRetryAfter() throws Exception {
        try (RunningServer server = RunningServer.start(dataDir, Map.of("max-pending-bytes", "1KiB"));
             ExecutorService clients = Executors.newFixedThreadPool(CONCURRENT_REQUESTS)) {
            JsonNode stream = HttpCall.request("POST", server.pipelinesUrl("streams"))
                    .body("{\"name\":\"pressed\",\"http\":{\"authentication\":false}}").send().json().path("result");
            String body = body();
            List<Answer> refused = new ArrayList<>();
            int accepted = 0;
            for (int round = 0; round < MAX_ROUNDS && refused.isEmpty(); round++) {
                List<CompletableFuture<Answer>> inFlight = new ArrayList<>();
                for (int i = 0; i < CONCURRENT_REQUESTS; i++) {
                    inFlight.add(CompletableFuture.supplyAsync(() ->
                            HttpCall.request("POST", stream.path("endpoint").asText()).body(body).send(), clients));
                }
                for (CompletableFuture<Answer> request : inFlight) {
                    Answer answer = request.join();
                    if (answer.status() == 200) {
                        accepted++;
                    } else {
                        refused.add(answer);
                    }
                }
            }

            assertThat(refused).as("some requests found the queue full").isNotEmpty();
            for (Answer answer : refused) {
                assertThat(answer.status()).as(answer.toString()).isEqualTo(429);
                assertThat(answer.header("Retry-After")).isEqualTo("1");
                assertThat(answer.errorCode()).isEqualTo(1029);
                assertThat(answer.errorMessage()).containsIgnoringCase("retry");
            }
            var definition = server.server().streams().get("pressed");
            assertThat(server.server().streams().log(definition).endOffset())
                    .isEqualTo((long) accepted * RECORDS_PER_REQUEST);
        }
    }

    private static String body() {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < RECORDS_PER_REQUEST; i++) {
            body.append(i == 0 ? "" : ",").append("{\"i\":").append(i).append(",\"pad\":\"")
                    .append("x".repeat(250)).append("\"}");
        }
        return body.append("]").toString();
    }
}
