package dev.floe.objects;

import dev.floe.client.FloeClient;
import dev.floe.testing.RunningServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * An application for crash tests, run in a process of its own: it increments counters (each call a
 * state change and an event) across many objects until it is killed, printing how many calls
 * committed so far.
 *
 * <p>Arguments: object data directory, floe URL, number of objects.
 */
public final class CountingApplication {
    static final Bindings BINDINGS = Bindings.of(Map.of("EVENTS", "do_events_stream", "STATE", "do_state_stream"));

    private CountingApplication() {
    }

    public static void main(String[] args) {
        int objects = Integer.parseInt(args[2]);
        FloeClient floe = FloeClient.builder().baseUrl(args[1]).accountId(RunningServer.ACCOUNT)
                .retryDeadline(Duration.ofSeconds(1)).build();
        ObjectRuntime runtime = ObjectRuntime.builder(Path.of(args[0])).register(Counter.NAMESPACE).bindings(BINDINGS)
                .floe(floe).relayConcurrency(4).build();
        for (long calls = 1; ; calls++) {
            runtime.get(Counter.NAMESPACE.idFromName("crash-" + calls % objects)).call(Counter::increment);
            if (calls % 100 == 0) {
                System.out.println("committed " + calls);
                System.out.flush();
            }
        }
    }
}
