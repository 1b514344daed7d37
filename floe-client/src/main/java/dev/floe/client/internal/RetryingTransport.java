package dev.floe.client.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * Sends a request again, unchanged, while floe cannot be reached or answers that it is busy (429,
 * 503), until a deadline. Only safe for requests that mean the same thing when repeated, such as
 * appends carrying a producer id and sequence number.
 *
 * <p>Waits grow exponentially from {@link #INITIAL_BACKOFF} to {@link #MAX_BACKOFF}, with random
 * jitter so that many producers turned away together do not return together; a {@code Retry-After}
 * header lengthens the wait to what the server asked for. No attempt starts after the deadline: once
 * the next wait would pass it, the last answer is returned (or the last connection failure thrown).
 */
public final class RetryingTransport implements HttpTransport {
    static final Duration INITIAL_BACKOFF = Duration.ofMillis(100);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    /** Waits; a seam so that tests need not. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final HttpTransport delegate;
    private final Duration deadline;
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;

    public RetryingTransport(HttpTransport delegate, Duration deadline) {
        this(delegate, deadline, System::nanoTime, Thread::sleep);
    }

    public RetryingTransport(HttpTransport delegate, Duration deadline, LongSupplier nanoClock, Sleeper sleeper) {
        if (deadline.isNegative()) {
            throw new IllegalArgumentException("retry deadline must not be negative, got " + deadline);
        }
        this.delegate = delegate;
        this.deadline = deadline;
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
    }

    @Override
    public ApiResponse send(ApiRequest request) throws IOException, InterruptedException {
        long start = nanoClock.getAsLong();
        long giveUpAt = start + deadline.toNanos();
        Duration backoff = INITIAL_BACKOFF;
        for (int attempt = 1; ; attempt++) {
            try {
                ApiResponse response = delegate.send(request);
                if (!isBusy(response.status())) {
                    return response;
                }
                Duration wait = max(jittered(backoff), retryAfter(response).orElse(Duration.ZERO));
                if (!sleepBefore(giveUpAt, wait)) {
                    return response;
                }
            } catch (IOException e) {
                if (!sleepBefore(giveUpAt, jittered(backoff))) {
                    Duration elapsed = Duration.ofNanos(nanoClock.getAsLong() - start);
                    throw new IOException(Causes.describe(e) + " (gave up after " + attempt + " attempt"
                            + (attempt == 1 ? "" : "s") + " in " + elapsed.toMillis() + " ms)", e);
                }
            }
            backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
        }
    }

    private static boolean isBusy(int status) {
        return status == 429 || status == 503;
    }

    /** Sleeps for {@code wait} unless that would reach the deadline; returns whether it slept. */
    private boolean sleepBefore(long giveUpAt, Duration wait) throws InterruptedException {
        if (wait.toNanos() >= giveUpAt - nanoClock.getAsLong()) {
            return false;
        }
        sleeper.sleep(wait);
        return true;
    }

    /** Between half and all of {@code backoff}. */
    private static Duration jittered(Duration backoff) {
        long nanos = backoff.toNanos();
        return Duration.ofNanos(nanos / 2 + ThreadLocalRandom.current().nextLong(nanos / 2 + 1));
    }

    /** The wait a 429 or 503 asks for, in whole seconds as floe sends it. */
    static Optional<Duration> retryAfter(ApiResponse response) {
        return response.header("Retry-After").flatMap(value -> {
            try {
                long seconds = Long.parseLong(value.trim());
                return seconds >= 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
