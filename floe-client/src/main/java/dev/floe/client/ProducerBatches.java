package dev.floe.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.floe.client.internal.ApiConnection;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Sends batches of many idempotent producers to one stream in one request, for a sender that speaks
 * for many producers at once (such as an outbox relay with one producer per object): one request and
 * one fsync on the server instead of one per producer. floe checks each batch for duplicates exactly as
 * {@link Stream#send(List, long)} would, so sending the same batches again writes nothing twice.
 *
 * <p>Thread-safe. The caller keeps each producer's order: a producer's batches must not be in two
 * requests at once.
 */
public final class ProducerBatches {
    private final String idOrName;
    private final ApiConnection connection;
    private final ObjectMapper recordMapper;

    /** @param connection a connection whose transport retries (see {@link FloeClient#producerBatches(String)}) */
    ProducerBatches(String idOrName, ApiConnection connection, ObjectMapper recordMapper) {
        this.idOrName = Objects.requireNonNull(idOrName, "idOrName");
        this.connection = connection;
        this.recordMapper = recordMapper;
    }

    public String idOrName() {
        return idOrName;
    }

    /**
     * Sends the batches and waits until floe has written all of them.
     *
     * @return what floe acknowledged for each batch, in the order sent
     * @throws dev.floe.error.InvalidRecordsException when a batch holds a record that does not match the
     *     stream's schema (the message names the batch); nothing was written
     * @throws FloeException with the server's code for any other refusal, or {@code UNAVAILABLE} /
     *     {@code TOO_MANY_REQUESTS} once the retry deadline passed; any of the batches may then have
     *     been written, and sending them again is safe
     */
    public List<SendResult> send(List<ProducerBatch> batches) {
        List<String> path = new ArrayList<>(Streams.streamPath(idOrName));
        path.add("producer_batches");
        JsonNode answer = connection.execute(connection.request("POST", path, Map.of(), serialize(batches), Map.of()))
                .result().path("batches");
        if (answer.size() != batches.size()) {
            throw new FloeException(ErrorCode.INTERNAL, "floe answered for " + answer.size() + " batches, not the "
                    + batches.size() + " sent");
        }
        List<SendResult> results = new ArrayList<>(batches.size());
        answer.forEach(result -> results.add(SendResult.fromJson(result)));
        return results;
    }

    private byte[] serialize(List<ProducerBatch> batches) {
        List<Map<String, Object>> body = new ArrayList<>(batches.size());
        for (ProducerBatch batch : batches) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("producer_id", batch.producerId());
            json.put("first_sequence", batch.firstSequence());
            json.put("records", batch.records());
            body.add(json);
        }
        try {
            return recordMapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new FloeException(ErrorCode.INVALID_REQUEST,
                    "cannot turn the records into JSON: " + e.getOriginalMessage(), e);
        }
    }
}
