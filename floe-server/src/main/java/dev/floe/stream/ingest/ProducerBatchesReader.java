package dev.floe.stream.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a body of several producers' batches,
 * {@code [{"producer_id": …, "first_sequence": …, "records": […]}, …]}, into batches. Each batch's
 * records are read and validated as a {@link BodyReader} reads a JSON array of records, with the same
 * parser, so the body is read once and never copied.
 */
final class ProducerBatchesReader {
    private static final String NOT_BATCHES = "not a valid list of producer batches";
    private static final String SHAPE = "send a JSON array of {\"producer_id\": …, \"first_sequence\": …, \"records\": […]}";

    private final byte[] body;
    private final int length;
    private final JsonParser parser;
    private final RecordValidator validator;
    private final IngestLimits limits;
    private final List<ProducerBatch> batches = new ArrayList<>();

    ProducerBatchesReader(byte[] body, int length, JsonParser parser, RecordValidator validator, IngestLimits limits) {
        this.body = body;
        this.length = length;
        this.parser = parser;
        this.validator = validator;
        this.limits = limits;
    }

    /**
     * Reads every batch.
     *
     * @throws MalformedBodyException when the body is not JSON or not an array
     * @throws FloeException {@code INVALID_REQUEST} when a batch lacks a field or has a wrong one,
     *     {@code INVALID_RECORDS} when a batch holds an invalid record
     */
    List<ProducerBatch> read() throws IOException, MalformedBodyException {
        try {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw MalformedBodyException.at(body, length, tokenStart(), NOT_BATCHES, SHAPE);
            }
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token != JsonToken.START_OBJECT) {
                    throw invalidBatch("is not a JSON object; " + SHAPE);
                }
                batches.add(readBatch());
            }
            if (parser.nextToken() != null) {
                throw MalformedBodyException.at(body, length, tokenStart(), NOT_BATCHES,
                        "unexpected content after the array of batches");
            }
        } catch (JsonProcessingException e) {
            throw MalformedBodyException.invalidJson(e, parser.currentLocation());
        }
        return batches;
    }

    private ProducerBatch readBatch() throws IOException, MalformedBodyException {
        String producerId = null;
        Long firstSequence = null;
        ParsedRecords records = null;
        for (String field = parser.nextFieldName(); field != null; field = parser.nextFieldName()) {
            JsonToken value = parser.nextToken();
            switch (field) {
                case "producer_id" -> {
                    requireOnce(producerId, field);
                    producerId = readProducerId(value);
                }
                case "first_sequence" -> {
                    requireOnce(firstSequence, field);
                    firstSequence = readFirstSequence(value);
                }
                case "records" -> {
                    requireOnce(records, field);
                    records = readRecords(value, producerId);
                }
                default -> throw invalidBatch("has an unknown field '" + field
                        + "'; a batch has producer_id, first_sequence and records");
            }
        }
        if (producerId == null || firstSequence == null || records == null) {
            throw invalidBatch("lacks " + (producerId == null ? "producer_id" : firstSequence == null
                    ? "first_sequence" : "records") + "; a batch has producer_id, first_sequence and records");
        }
        return new ProducerBatch(producerId, firstSequence, records);
    }

    private String readProducerId(JsonToken value) throws IOException {
        if (value != JsonToken.VALUE_STRING) {
            throw invalidBatch("producer_id must be a string");
        }
        return parser.getText();
    }

    private long readFirstSequence(JsonToken value) throws IOException {
        if (value != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                || parser.getLongValue() < 0) {
            throw invalidBatch("first_sequence must be a whole number from 0 to " + Long.MAX_VALUE + ", got "
                    + parser.getText());
        }
        return parser.getLongValue();
    }

    private ParsedRecords readRecords(JsonToken value, String producerId) throws IOException, MalformedBodyException {
        if (value != JsonToken.START_ARRAY) {
            throw invalidBatch("records must be a JSON array of records");
        }
        ErrorCollector errors = new ErrorCollector(limits.maxReportedErrors());
        ValidationContext context = new ValidationContext(errors, validator.structCount());
        ParsedRecords records = new BodyReader(body, length, parser, validator, context).readArrayElements();
        if (!errors.isEmpty()) {
            String batch = "batch " + batches.size() + (producerId == null ? "" : " (producer " + producerId + ")");
            throw errors.invalidRecords(batch + ": ", records.records().size());
        }
        return records;
    }

    private void requireOnce(Object seen, String field) {
        if (seen != null) {
            throw invalidBatch("has " + field + " twice");
        }
    }

    private FloeException invalidBatch(String problem) {
        return new FloeException(ErrorCode.INVALID_REQUEST, "batch " + batches.size() + " " + problem
                + "; nothing was written");
    }

    private int tokenStart() {
        return (int) parser.currentTokenLocation().getByteOffset();
    }
}
