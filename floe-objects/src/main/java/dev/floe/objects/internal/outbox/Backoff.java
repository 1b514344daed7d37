package dev.floe.objects.internal.outbox;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Growing, bounded pauses between delivery attempts: {@link #INITIAL} doubling up to a maximum, each
 * between half and all of its nominal length so that objects turned away together do not return
 * together. There is no last attempt: an outbox row waits as long as it takes.
 */
record Backoff(Duration max) {
    static final Duration INITIAL = Duration.ofMillis(100);

    /** The pause after {@code failures} failures in a row (at least one). */
    long pauseMillis(int failures) {
        long nominal = Math.min(max.toMillis(), INITIAL.toMillis() << Math.min(failures - 1, 30));
        return nominal / 2 + ThreadLocalRandom.current().nextLong(nominal / 2 + 1);
    }
}
