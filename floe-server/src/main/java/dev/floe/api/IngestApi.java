package dev.floe.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import dev.floe.json.Json;
import dev.floe.stream.IngestResult;
import dev.floe.stream.Producer;
import dev.floe.stream.StreamDefinition;
import dev.floe.stream.StreamService;
import java.io.IOException;
import java.util.Locale;

/**
 * Event ingest: the HTTP endpoint of each stream ({@code POST /ingest/{stream}}, with CORS), the
 * binding route that the Java {@code Stream} client uses
 * ({@code POST …/pipelines/v1/streams/{stream}/records}), and floe's own route for many idempotent
 * producers' batches in one request ({@code POST …/pipelines/v1/streams/{stream}/producer_batches}),
 * which the object runtime's relay uses. All answer only after the records are durable.
 */
final class IngestApi {
    static final String PRODUCER_ID_HEADER = "Floe-Producer-Id";
    static final String PRODUCER_SEQUENCE_HEADER = "Floe-Producer-Sequence";
    private static final String ALLOWED_HEADERS =
            "Content-Type, Content-Encoding, Authorization, " + PRODUCER_ID_HEADER + ", " + PRODUCER_SEQUENCE_HEADER;

    private final StreamService streams;
    private final BearerToken token;
    private final long maxRequestBytes;

    IngestApi(StreamService streams, BearerToken token, long maxRequestBytes) {
        this.streams = streams;
        this.token = token;
        this.maxRequestBytes = maxRequestBytes;
    }

    void register(Router router) {
        router.add("POST", ApiPaths.INGEST, this::ingestOverHttp)
                .add("OPTIONS", ApiPaths.INGEST, this::preflight)
                .add("POST", StreamsApi.STREAMS + "/{stream}/records", this::ingestFromBinding)
                .add("POST", StreamsApi.STREAMS + "/{stream}/producer_batches", this::ingestProducerBatches);
    }

    private void ingestOverHttp(ApiExchange exchange) throws IOException {
        StreamDefinition stream = streams.get(exchange.path("stream"));
        countingRejections(stream, () -> {
            if (!stream.http().enabled()) {
                throw new FloeException(ErrorCode.FORBIDDEN, "HTTP ingest is disabled for stream '" + stream.name()
                        + "'; enable it with PATCH {\"http\":{\"enabled\":true}}");
            }
            allowOrigin(exchange, stream);
            if (stream.http().authentication()) {
                token.check(exchange);
            }
            ingest(exchange, stream);
        });
    }

    private void ingestFromBinding(ApiExchange exchange) throws IOException {
        StreamDefinition stream = streams.get(exchange.path("stream"));
        countingRejections(stream, () -> {
            requireBindingsAllowed(stream);
            ingest(exchange, stream);
        });
    }

    /** Several producers' batches: each is deduplicated as a request of its own, and all share one group commit. */
    private void ingestProducerBatches(ApiExchange exchange) throws IOException {
        StreamDefinition stream = streams.get(exchange.path("stream"));
        countingRejections(stream, () -> {
            requireBindingsAllowed(stream);
            ApiExchange.Body body = exchange.readBody(maxRequestBytes);
            ArrayNode batches = Json.MAPPER.createArrayNode();
            for (IngestResult result : streams.ingestProducerBatches(stream, body.bytes(), body.length())) {
                batches.add(toJson(result));
            }
            ObjectNode json = Json.object();
            json.set("batches", batches);
            exchange.send(200, Envelope.success(json));
        });
    }

    private static void requireBindingsAllowed(StreamDefinition stream) {
        if (!stream.workerBindingEnabled()) {
            throw new FloeException(ErrorCode.FORBIDDEN, "bindings may not send to stream '" + stream.name()
                    + "'; enable it with PATCH {\"worker_binding\":{\"enabled\":true}}");
        }
    }

    private void ingest(ApiExchange exchange, StreamDefinition stream) throws IOException {
        Producer producer = producer(exchange);
        ApiExchange.Body body = exchange.readBody(maxRequestBytes);
        IngestResult result = streams.ingest(stream, body.bytes(), body.length(), producer);
        exchange.send(200, Envelope.success(toJson(result)));
    }

    private static ObjectNode toJson(IngestResult result) {
        ObjectNode json = Json.object();
        json.put("committed", result.committed());
        json.put("appended", result.appended());
        json.put("duplicates", result.duplicates());
        json.put("first_offset", result.firstOffset());
        return json;
    }

    private static Producer producer(ApiExchange exchange) {
        String id = exchange.header(PRODUCER_ID_HEADER);
        String sequence = exchange.header(PRODUCER_SEQUENCE_HEADER);
        if (id == null && sequence == null) {
            return null;
        }
        if (id == null || sequence == null) {
            throw new FloeException(ErrorCode.INVALID_REQUEST, "send both " + PRODUCER_ID_HEADER + " and "
                    + PRODUCER_SEQUENCE_HEADER + ", or neither");
        }
        try {
            return new Producer(id, Long.parseLong(sequence.trim()));
        } catch (NumberFormatException e) {
            throw new FloeException(ErrorCode.INVALID_REQUEST,
                    PRODUCER_SEQUENCE_HEADER + " must be a whole number, got '" + sequence + "'");
        }
    }

    /** A browser's preflight: answer with the allowed origin, methods and headers, or refuse. */
    private void preflight(ApiExchange exchange) throws IOException {
        StreamDefinition stream = streams.get(exchange.path("stream"));
        if (exchange.header("Origin") == null) {
            throw new FloeException(ErrorCode.INVALID_REQUEST, "a CORS preflight needs an Origin header");
        }
        allowOrigin(exchange, stream);
        exchange.setHeader("Access-Control-Allow-Methods", "POST, OPTIONS");
        exchange.setHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS);
        exchange.setHeader("Access-Control-Max-Age", "86400");
        exchange.sendEmpty(204);
    }

    /**
     * Browsers send {@code Origin}; a stream accepts them only from its CORS origins, so a page on
     * another site cannot write to it. Requests without {@code Origin} (servers, curl) pass.
     */
    private static void allowOrigin(ApiExchange exchange, StreamDefinition stream) {
        String origin = exchange.header("Origin");
        if (origin == null) {
            return;
        }
        if (!stream.http().allowsOrigin(origin)) {
            throw new FloeException(ErrorCode.FORBIDDEN, "origin " + origin + " may not post to stream '"
                    + stream.name() + "'; add it to http.cors.origins");
        }
        exchange.setHeader("Access-Control-Allow-Origin", stream.http().corsOrigins().contains("*") ? "*" : origin);
        exchange.setHeader("Vary", "Origin");
    }

    private void countingRejections(StreamDefinition stream, IngestStep work) throws IOException {
        try {
            work.run();
        } catch (FloeException e) {
            streams.metrics().rejected(stream.name(), e.code().name().toLowerCase(Locale.ROOT));
            throw e;
        }
    }

    @FunctionalInterface
    private interface IngestStep {
        void run() throws IOException;
    }
}
