package dev.floe.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.floe.client.internal.ApiConnection;
import dev.floe.client.internal.ApiRequest;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Sends records to one stream, like Cloudflare's {@code env.STREAM.send(records)}: {@link #send(List)}
 * returns once floe has written the records durably.
 *
 * <p>Every stream handle is an idempotent producer: its requests carry a producer id and the sequence
 * number of their first record, and the server acknowledges again, without appending, records whose
 * sequence it already wrote. That makes retries safe: when floe cannot be reached or is busy (429,
 * 503), the very same request is sent again with growing pauses, honouring {@code Retry-After}, until
 * the client's retry deadline; a record that reached the server before a connection broke is not
 * written twice.
 *
 * <p>Thread-safe. Sends through one handle go out one at a time, in the order of their sequence
 * numbers, so that the server never sees a later sequence before an earlier one; for parallel sends,
 * use one handle (producer) per thread.
 */
public final class Stream {
    /** The longest producer id the server keeps. */
    public static final int MAX_PRODUCER_ID_LENGTH = 255;

    private final String idOrName;
    private final String producerId;
    private final ApiConnection connection;
    private final ObjectMapper recordMapper;
    private final ReentrantLock sendLock = new ReentrantLock(true);
    private long nextSequence; // guarded by sendLock

    /**
     * @param connection   a connection whose transport retries (see {@link FloeClient#stream(String)})
     * @param recordMapper turns records into JSON
     */
    Stream(String idOrName, String producerId, ApiConnection connection, ObjectMapper recordMapper) {
        this.idOrName = Objects.requireNonNull(idOrName, "idOrName");
        this.producerId = requireValidProducerId(producerId);
        this.connection = connection;
        this.recordMapper = recordMapper;
    }

    public String idOrName() {
        return idOrName;
    }

    public String producerId() {
        return producerId;
    }

    /** The sequence number {@link #send(List)} will give the first record of the next batch. */
    public long nextSequence() {
        sendLock.lock();
        try {
            return nextSequence;
        } finally {
            sendLock.unlock();
        }
    }

    /**
     * Sends records, numbered from {@link #nextSequence()}, and waits until floe has written them.
     *
     * @param records maps, Java records, POJOs or Jackson {@code JsonNode}s; each becomes one JSON object
     * @throws dev.floe.error.InvalidRecordsException when records do not match the stream's schema;
     *     nothing was written and the sequence numbers are not used up
     * @throws FloeException with the server's code for any other refusal, or {@code UNAVAILABLE} /
     *     {@code TOO_MANY_REQUESTS} once the retry deadline passed; the records may then have been
     *     written, so their sequence numbers stay used
     */
    public SendResult send(List<?> records) {
        return sendInOrder(records, OptionalLong.empty());
    }

    /**
     * Sends records numbered from {@code firstSequence}, for callers that keep their own numbering (an
     * outbox that re-sends after a restart with a handle made by {@link FloeClient#stream(String, String)}).
     * Records whose numbers floe already wrote are acknowledged as duplicates. Later calls of
     * {@link #send(List)} continue after the highest number sent.
     */
    public SendResult send(List<?> records, long firstSequence) {
        if (firstSequence < 0) {
            throw new IllegalArgumentException("firstSequence must be >= 0, got " + firstSequence);
        }
        return sendInOrder(records, OptionalLong.of(firstSequence));
    }

    /** Serializes outside the lock, then numbers (unless numbered already) and sends under it. */
    private SendResult sendInOrder(List<?> records, OptionalLong firstSequence) {
        byte[] body = serialize(records);
        sendLock.lock();
        try {
            return sendLocked(body, records.size(), firstSequence.orElse(nextSequence));
        } finally {
            sendLock.unlock();
        }
    }

    private SendResult sendLocked(byte[] body, int count, long firstSequence) {
        ApiRequest request = connection.request("POST", recordsPath(), Map.of(), body, Map.of(
                "Floe-Producer-Id", producerId,
                "Floe-Producer-Sequence", Long.toString(firstSequence)));
        try {
            SendResult result = SendResult.fromJson(connection.execute(request).result());
            nextSequence = Math.max(nextSequence, firstSequence + count);
            return result;
        } catch (FloeException e) {
            if (mayHaveBeenWritten(e.code())) {
                // Reusing these numbers for other records could get those acknowledged as duplicates
                // without ever being written.
                nextSequence = Math.max(nextSequence, firstSequence + count);
            }
            throw e;
        }
    }

    /** Whether a failed send may still have reached the log, as opposed to a definite refusal. */
    private static boolean mayHaveBeenWritten(ErrorCode code) {
        return code.retryable() || code.httpStatus() >= 500;
    }

    private List<String> recordsPath() {
        List<String> path = new ArrayList<>(Streams.streamPath(idOrName));
        path.add("records");
        return path;
    }

    private byte[] serialize(List<?> records) {
        Objects.requireNonNull(records, "records");
        try {
            return recordMapper.writeValueAsBytes(records);
        } catch (JsonProcessingException e) {
            throw new FloeException(ErrorCode.INVALID_REQUEST,
                    "cannot turn the records into JSON: " + e.getOriginalMessage(), e);
        }
    }

    static String requireValidProducerId(String producerId) {
        Objects.requireNonNull(producerId, "producerId");
        // It travels in an HTTP header, which carries visible ASCII safely.
        if (!producerId.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException(
                    "a producer id may contain only visible ASCII characters, got \"" + producerId + "\"");
        }
        if (producerId.isEmpty() || producerId.length() > MAX_PRODUCER_ID_LENGTH) {
            throw new IllegalArgumentException("a producer id must have 1 to " + MAX_PRODUCER_ID_LENGTH
                    + " characters, got " + producerId.length());
        }
        return producerId;
    }
}
