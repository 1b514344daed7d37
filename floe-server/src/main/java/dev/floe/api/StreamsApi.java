package dev.floe.api;

import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.floe.pipeline.PipelineService;
import dev.floe.stream.StreamDefinition;
import dev.floe.stream.StreamDefinitionCodec;
import dev.floe.stream.StreamService;
import java.io.IOException;
import java.util.List;

/** The stream control plane: {@code /client/v4/accounts/{account_id}/pipelines/v1/streams}. */
final class StreamsApi {
    static final String STREAMS = ApiPaths.ACCOUNT + "/pipelines/v1/streams";

    private final StreamService streams;
    private final IngestEndpoints endpoints;
    private final PipelineService pipelines;

    StreamsApi(StreamService streams, IngestEndpoints endpoints, PipelineService pipelines) {
        this.streams = streams;
        this.endpoints = endpoints;
        this.pipelines = pipelines;
    }

    void register(Router router) {
        router.add("GET", STREAMS, this::list)
                .add("POST", STREAMS, this::create)
                .add("GET", STREAMS + "/{stream}", this::get)
                .add("PATCH", STREAMS + "/{stream}", this::update)
                .add("DELETE", STREAMS + "/{stream}", this::delete);
    }

    /** Streams whose name contains {@code name}, and with {@code pipeline_id} only those that pipeline reads. */
    private void list(ApiExchange exchange) throws IOException {
        List<StreamDefinition> listed = streams.list(exchange.query("name"));
        String pipeline = exchange.query("pipeline_id");
        if (pipeline != null) {
            listed = listed.stream().filter(pipelines.tables(pipelines.get(pipeline)).streams()::contains).toList();
        }
        exchange.send(200, PageRequest.of(exchange).answer(listed, this::toJson));
    }

    private void create(ApiExchange exchange) throws IOException {
        StreamDefinition created = streams.create(StreamRequests.create(exchange.readJson()));
        exchange.send(200, Envelope.success(toJson(created)));
    }

    private void get(ApiExchange exchange) throws IOException {
        exchange.send(200, Envelope.success(toJson(streams.get(exchange.path("stream")))));
    }

    private void update(ApiExchange exchange) throws IOException {
        StreamDefinition current = streams.get(exchange.path("stream"));
        StreamDefinition updated = streams.update(current.id(),
                StreamRequests.update(exchange.readJson(), current));
        exchange.send(200, Envelope.success(toJson(updated)));
    }

    private void delete(ApiExchange exchange) throws IOException {
        pipelines.deleteStream(exchange.path("stream"), exchange.booleanQuery("force"));
        exchange.send(200, Envelope.success(NullNode.getInstance()));
    }

    private ObjectNode toJson(StreamDefinition definition) {
        ObjectNode json = StreamDefinitionCodec.toJson(definition);
        json.put("endpoint", endpoints.of(definition));
        return json;
    }
}
