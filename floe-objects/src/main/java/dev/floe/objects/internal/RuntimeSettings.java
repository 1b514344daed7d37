package dev.floe.objects.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.floe.client.FloeClient;
import dev.floe.objects.Bindings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * How a runtime is configured (see {@code ObjectRuntime.Builder} for each setting's meaning).
 *
 * @param floe null when nothing is to be delivered
 */
public record RuntimeSettings(Path dataDir, Bindings bindings, FloeClient floe, Clock clock, ObjectMapper mapper,
                              Duration idleTimeout, int relayConcurrency, int relayBatchSize, Duration relayLinger,
                              Duration relayMaxBackoff,
                              Duration alarmRetryDelay, int alarmMaxRetries) {
}
