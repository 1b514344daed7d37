package dev.floe.objects;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.floe.client.FloeClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application killed with SIGKILL while it commits calls and its relay delivers: after it starts
 * again, every event and state change it committed is in its stream exactly once, including those of
 * objects nobody calls again.
 */
class CrashDeliveryTest {
    private static final int OBJECTS = 40;

    @TempDir
    Path serverDir;
    @TempDir
    Path objectsDir;

    @Test
    void afterAnApplicationCrashEveryCommittedRecordIsDeliveredExactlyOnce() throws Exception {
        try (LocalFloe floe = new LocalFloe(serverDir)) {
            floe.createStreams("do_events_stream", "do_state_stream");
            killWhileBusy(floe.url(), 3000);

            try (FloeClient client = floe.client();
                 ObjectRuntime runtime = ObjectRuntime.builder(objectsDir).register(Counter.NAMESPACE)
                         .bindings(CountingApplication.BINDINGS).floe(client).build()) {
                assertThat(runtime.drain(Duration.ofSeconds(60))).isTrue();
                Set<String> committed = committedEvents(runtime);

                List<JsonNode> events = floe.records("do_events_stream");
                Set<String> delivered = new HashSet<>();
                events.forEach(event -> delivered.add(event.path("object").asText() + "#" + event.path("seq").asLong()));
                assertThat(events).as("no duplicates").hasSameSizeAs(delivered);
                assertThat(delivered).isEqualTo(committed);
                assertThat(committed).hasSizeGreaterThanOrEqualTo(3000);
                assertThat(floe.records("do_state_stream")).as("one state change per event").hasSameSizeAs(events);
            }
        }
    }

    /** Starts the application, waits until it committed {@code calls} calls, and kills it with SIGKILL. */
    private void killWhileBusy(String url, int calls) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), CountingApplication.class.getName(),
                objectsDir.toString(), url, Integer.toString(OBJECTS)));
        Process application = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (BufferedReader output = new BufferedReader(new InputStreamReader(application.getInputStream(), StandardCharsets.UTF_8))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            String line;
            while ((line = output.readLine()) != null && System.nanoTime() < deadline) {
                if (line.startsWith("committed ") && Long.parseLong(line.substring(10)) >= calls) {
                    break;
                }
            }
        } finally {
            application.destroyForcibly();
            assertThat(application.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(application.exitValue()).as("killed, not finished").isNotZero();
    }

    /** {@code object#seq} of every event the objects' own tables hold. */
    private static Set<String> committedEvents(ObjectRuntime runtime) {
        Set<String> events = new HashSet<>();
        for (int i = 0; i < OBJECTS; i++) {
            ObjectId<Counter> id = Counter.NAMESPACE.idFromName("crash-" + i);
            List<Object[]> rows = runtime.get(id).call(c -> c.ctx().storage().sql().exec("SELECT seq FROM events").raw());
            rows.forEach(row -> events.add(id.local() + "#" + row[0]));
        }
        return events;
    }
}
