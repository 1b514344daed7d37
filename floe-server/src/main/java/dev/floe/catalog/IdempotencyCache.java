package dev.floe.catalog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Answers of mutating catalog requests, remembered by their {@code Idempotency-Key} for
 * {@link #LIFETIME}: a client that sends a request again after losing the answer (a timeout, a reset
 * connection) gets the first answer back instead of, say, a conflict with its own earlier commit.
 *
 * <p>Final answers (2xx and 4xx) are kept; a 5xx is forgotten, so that sending the request again
 * tries again. A request that arrives while the first with its key is still running waits for that
 * one's answer. A key sent with another request (method, path or body) is refused with 422. The
 * answers live in memory: a restart forgets them, and at most {@link #MAX_ENTRIES} are kept (the
 * oldest go first).
 */
final class IdempotencyCache {
    static final Duration LIFETIME = Duration.ofMinutes(30);
    /** The lifetime as the {@code config} answer announces it (ISO-8601). */
    static final String LIFETIME_ISO = LIFETIME.toString();
    private static final int MAX_ENTRIES = 10_000;

    private record Key(String warehouse, String idempotencyKey) {
    }

    private record Entry(byte[] fingerprint, Instant expires, CompletableFuture<CatalogAnswer> answer) {
    }

    private final Clock clock;
    private final Map<Key, Entry> entries = new LinkedHashMap<>();

    IdempotencyCache(Clock clock) {
        this.clock = clock;
    }

    /** The answer of the first request with this key, or else of running {@code request} now. */
    CatalogAnswer answer(String warehouse, CatalogRequest request, Supplier<CatalogAnswer> action) {
        Key key = new Key(warehouse, request.idempotencyKey());
        byte[] fingerprint = fingerprint(request);
        Entry entry;
        boolean first;
        synchronized (entries) {
            expire();
            entry = entries.get(key);
            first = entry == null;
            if (first) {
                entry = new Entry(fingerprint, clock.instant().plus(LIFETIME), new CompletableFuture<>());
                entries.put(key, entry);
                if (entries.size() > MAX_ENTRIES) {
                    Iterator<Key> oldest = entries.keySet().iterator();
                    oldest.next();
                    oldest.remove();
                }
            }
        }
        if (!first) {
            if (!Arrays.equals(entry.fingerprint(), fingerprint)) {
                return RestErrors.answer(422, "UnprocessableEntityException", "Idempotency-Key "
                        + request.idempotencyKey() + " was already used for another request; use a new key per request");
            }
            return entry.answer().join();
        }
        CatalogAnswer answer;
        try {
            answer = action.get();
        } catch (RuntimeException e) {
            forget(key, entry);
            entry.answer().completeExceptionally(e);
            throw e;
        }
        if (answer.status() >= 500) {
            forget(key, entry);
        }
        entry.answer().complete(answer);
        return answer;
    }

    private void forget(Key key, Entry entry) {
        synchronized (entries) {
            entries.remove(key, entry);
        }
    }

    /** Drops expired entries: the map is in insertion order, so they are at its head. */
    private void expire() {
        Instant now = clock.instant();
        Iterator<Entry> iterator = entries.values().iterator();
        while (iterator.hasNext()) {
            Entry entry = iterator.next();
            if (entry.expires().isAfter(now)) {
                return;
            }
            iterator.remove();
        }
    }

    private static byte[] fingerprint(CatalogRequest request) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(request.route().name().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(new TreeMap<>(request.pathParameters()).toString().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(new TreeMap<>(request.query()).toString().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(request.body());
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
