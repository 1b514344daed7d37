package dev.floe.stream.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import dev.floe.stream.schema.StreamSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;

/**
 * Reads an ingest request body into records, checking each against its stream's schema.
 *
 * <p>A body is a JSON array of records ({@code [{...},{...}]}, where {@code []} is a valid empty
 * batch), records one per line (NDJSON; blank lines are allowed), or a single JSON value. A record
 * of a structured stream must be a JSON object; one of an unstructured stream may be any JSON value
 * (so an unstructured stream's records that are arrays must be sent inside an array or as NDJSON).
 *
 * <p>The body is read with a streaming parser and never copied: each record comes back as a view of
 * its bytes in the body. The whole request is refused with
 * {@link dev.floe.error.InvalidRecordsException} if any record is invalid or the body is malformed;
 * no other exception comes out of bad input. Thread-safe; one instance serves every request.
 */
public final class IngestBodyParser {
    private final JsonFactory factory;
    private final IngestLimits limits;

    public IngestBodyParser() {
        this(IngestLimits.DEFAULTS);
    }

    public IngestBodyParser(IngestLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.factory = JsonFactory.builder()
                // Duplicate keys are refused by DuplicateKeyGuard, at a fraction of the parser's cost.
                .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                // Bodies are UTF-8; guessing UTF-16 or UTF-32 from the first bytes would yield records
                // in another encoding than the one they are stored and read back in.
                .disable(JsonFactory.Feature.CHARSET_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxNestingDepth())
                        .maxNumberLength(limits.maxNumberLength())
                        .build())
                .build();
    }

    /**
     * Reads the first {@code length} bytes of {@code body} as records of a stream with this schema,
     * or of an unstructured stream for {@code null}. Compiles the schema on each call; to skip that,
     * keep a {@link RecordValidator} per stream and call {@link #parse(byte[], int, RecordValidator)}.
     *
     * @throws dev.floe.error.InvalidRecordsException when the body is malformed or a record invalid
     */
    public ParsedRecords parse(byte[] body, int length, StreamSchema schemaOrNull) {
        return parse(body, length, RecordValidator.forSchema(schemaOrNull));
    }

    /**
     * Reads the first {@code length} bytes of {@code body} as records checked by {@code validator}
     * ({@link RecordValidator#UNSTRUCTURED} for an unstructured stream).
     *
     * @throws dev.floe.error.InvalidRecordsException when the body is malformed or a record invalid
     */
    public ParsedRecords parse(byte[] body, int length, RecordValidator validator) {
        Objects.checkFromIndexSize(0, length, body.length);
        Objects.requireNonNull(validator, "validator");
        ErrorCollector errors = new ErrorCollector(limits.maxReportedErrors());
        ValidationContext context = new ValidationContext(errors, validator.structCount());
        ParsedRecords parsed;
        try (JsonParser parser = factory.createParser(body, 0, length)) {
            parsed = new BodyReader(body, length, parser, validator, context).read();
        } catch (MalformedBodyException e) {
            throw errors.malformedBody(context.recordIndex(), e.getMessage());
        } catch (IOException e) {
            // Not reached: BodyReader turns every JSON error into MalformedBodyException, and a
            // parser over a byte array does no I/O.
            throw new UncheckedIOException(e);
        }
        if (!errors.isEmpty()) {
            throw errors.invalidRecords(parsed.records().size());
        }
        return parsed;
    }

    /**
     * Reads the first {@code length} bytes of {@code body} as several producers' batches,
     * {@code [{"producer_id": …, "first_sequence": …, "records": […]}, …]}, each batch's records
     * checked by {@code validator}.
     *
     * @throws dev.floe.error.InvalidRecordsException when a record is invalid, naming its batch
     * @throws FloeException {@code INVALID_REQUEST} when the body is malformed or a batch lacks a field
     */
    public List<ProducerBatch> parseProducerBatches(byte[] body, int length, RecordValidator validator) {
        Objects.checkFromIndexSize(0, length, body.length);
        Objects.requireNonNull(validator, "validator");
        try (JsonParser parser = factory.createParser(body, 0, length)) {
            return new ProducerBatchesReader(body, length, parser, validator, limits).read();
        } catch (MalformedBodyException e) {
            throw new FloeException(ErrorCode.INVALID_REQUEST, "request body is " + e.getMessage()
                    + "; nothing was written");
        } catch (IOException e) {
            // Not reached, as in parse.
            throw new UncheckedIOException(e);
        }
    }
}
