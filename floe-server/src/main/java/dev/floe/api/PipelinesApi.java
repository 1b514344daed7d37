package dev.floe.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.floe.pipeline.PipelineDefinition;
import dev.floe.pipeline.PipelineDefinitionCodec;
import dev.floe.pipeline.PipelineService;
import dev.floe.pipeline.PipelineStatus;
import dev.floe.pipeline.PipelineTables;
import dev.floe.sink.SinkDefinition;
import dev.floe.stream.StreamDefinition;
import java.io.IOException;

/**
 * The pipeline control plane: {@code /client/v4/accounts/{account_id}/pipelines/v1/pipelines}. A
 * pipeline is answered as Cloudflare's: {@code id}, {@code name}, {@code sql}, {@code status}
 * ({@code running} or {@code failed}, then with {@code failure_reason}), {@code created_at} and
 * {@code modified_at}; a single one also has its {@code tables}, the streams it reads and the sinks it
 * writes.
 */
final class PipelinesApi {
    static final String PIPELINES = ApiPaths.ACCOUNT + "/pipelines/v1/pipelines";
    /** Sinks cannot change, so the version of a sink a pipeline uses is always the first and latest. */
    private static final int SINK_VERSION = 1;

    private final PipelineService pipelines;

    PipelinesApi(PipelineService pipelines) {
        this.pipelines = pipelines;
    }

    void register(Router router) {
        router.add("GET", PIPELINES, this::list)
                .add("POST", PIPELINES, this::create)
                .add("GET", PIPELINES + "/{pipeline}", this::get)
                .add("PATCH", PIPELINES + "/{pipeline}", this::refuseUpdate)
                .add("PUT", PIPELINES + "/{pipeline}", this::refuseUpdate)
                .add("DELETE", PIPELINES + "/{pipeline}", this::delete);
    }

    private void list(ApiExchange exchange) throws IOException {
        exchange.send(200, PageRequest.of(exchange).answer(pipelines.list(), this::toJson));
    }

    private void create(ApiExchange exchange) throws IOException {
        JsonNode body = exchange.readJson();
        RequestFields.requireObject(body, "request body");
        PipelineDefinition created = pipelines.create(RequestFields.requiredText(body, "name", "name"),
                RequestFields.requiredText(body, "sql", "sql"));
        exchange.send(200, Envelope.success(toJson(created)));
    }

    private void get(ApiExchange exchange) throws IOException {
        PipelineDefinition pipeline = pipelines.get(exchange.path("pipeline"));
        ObjectNode json = toJson(pipeline);
        ArrayNode tables = json.putArray("tables");
        PipelineTables used = pipelines.tables(pipeline);
        for (StreamDefinition stream : used.streams()) {
            addTable(tables, stream.id(), stream.name(), "stream", stream.version());
        }
        for (SinkDefinition sink : used.sinks()) {
            addTable(tables, sink.id(), sink.name(), "sink", SINK_VERSION);
        }
        exchange.send(200, Envelope.success(json));
    }

    private static void addTable(ArrayNode tables, String id, String name, String type, long version) {
        tables.addObject().put("id", id).put("name", name).put("type", type).put("version", version)
                .put("latest", version);
    }

    private void refuseUpdate(ApiExchange exchange) {
        PipelineDefinition pipeline = pipelines.get(exchange.path("pipeline"));
        throw new Router.MethodNotAllowed("GET, DELETE", "pipeline '" + pipeline.name()
                + "' cannot be changed: pipelines are immutable; delete it and create it again with the new SQL");
    }

    private void delete(ApiExchange exchange) throws IOException {
        pipelines.delete(exchange.path("pipeline"));
        exchange.send(200, Envelope.success(NullNode.getInstance()));
    }

    private ObjectNode toJson(PipelineDefinition pipeline) {
        ObjectNode json = PipelineDefinitionCodec.toJson(pipeline);
        PipelineStatus status = pipelines.status(pipeline);
        json.put("status", status.state().wireName());
        if (status.failureReason() != null) {
            json.put("failure_reason", status.failureReason());
        }
        return json;
    }
}
