package dev.floe.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.floe.json.Json;
import dev.floe.stream.StreamDefinition;
import dev.floe.stream.StreamDefinitionCodec;
import dev.floe.stream.StreamService;
import java.io.IOException;
import java.util.List;

/** The stream control plane: {@code /client/v4/accounts/{account_id}/pipelines/v1/streams}. */
final class StreamsApi {
    static final String STREAMS = ApiPaths.ACCOUNT + "/pipelines/v1/streams";
    private static final long MAX_CONTROL_BODY_BYTES = 1 << 20;
    private static final int MAX_PER_PAGE = 1000;

    private final StreamService streams;
    private final IngestEndpoints endpoints;

    StreamsApi(StreamService streams, IngestEndpoints endpoints) {
        this.streams = streams;
        this.endpoints = endpoints;
    }

    void register(Router router) {
        router.add("GET", STREAMS, this::list)
                .add("POST", STREAMS, this::create)
                .add("GET", STREAMS + "/{stream}", this::get)
                .add("PATCH", STREAMS + "/{stream}", this::update)
                .add("DELETE", STREAMS + "/{stream}", this::delete);
    }

    private void list(ApiExchange exchange) throws IOException {
        int page = exchange.intQuery("page", 1, 1, Integer.MAX_VALUE);
        int perPage = exchange.intQuery("per_page", 20, 1, MAX_PER_PAGE);
        List<StreamDefinition> all = streams.list(exchange.query("name"));
        long from = (long) (page - 1) * perPage;
        List<StreamDefinition> items = from >= all.size() ? List.of()
                : all.subList((int) from, (int) Math.min(all.size(), from + perPage));
        ArrayNode result = Json.MAPPER.createArrayNode();
        items.forEach(definition -> result.add(toJson(definition)));
        exchange.send(200, Envelope.page(result, page, perPage, items.size(), all.size()));
    }

    private void create(ApiExchange exchange) throws IOException {
        StreamDefinition created = streams.create(StreamRequests.create(exchange.readJson(MAX_CONTROL_BODY_BYTES)));
        exchange.send(200, Envelope.success(toJson(created)));
    }

    private void get(ApiExchange exchange) throws IOException {
        exchange.send(200, Envelope.success(toJson(streams.get(exchange.path("stream")))));
    }

    private void update(ApiExchange exchange) throws IOException {
        StreamDefinition current = streams.get(exchange.path("stream"));
        StreamDefinition updated = streams.update(current.id(),
                StreamRequests.update(exchange.readJson(MAX_CONTROL_BODY_BYTES), current));
        exchange.send(200, Envelope.success(toJson(updated)));
    }

    private void delete(ApiExchange exchange) throws IOException {
        streams.delete(exchange.path("stream"), exchange.booleanQuery("force"));
        exchange.send(200, Envelope.success(NullNode.getInstance()));
    }

    private ObjectNode toJson(StreamDefinition definition) {
        ObjectNode json = StreamDefinitionCodec.toJson(definition);
        json.put("endpoint", endpoints.of(definition));
        return json;
    }
}
