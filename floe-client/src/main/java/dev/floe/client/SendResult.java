package dev.floe.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What floe acknowledged for a batch of records, once all of them were durable.
 *
 * @param committed   how many records of the batch are now in the stream (appended plus duplicates)
 * @param appended    how many were written by this request
 * @param duplicates  how many had been written before (by an earlier attempt) and were only acknowledged
 * @param firstOffset the stream offset of the first appended record
 */
public record SendResult(int committed, int appended, int duplicates, long firstOffset) {

    static SendResult fromJson(JsonNode result) {
        return new SendResult(
                result.path("committed").asInt(),
                result.path("appended").asInt(),
                result.path("duplicates").asInt(),
                result.path("first_offset").asLong());
    }
}
