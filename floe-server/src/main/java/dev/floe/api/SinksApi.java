package dev.floe.api;

import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.floe.pipeline.PipelineService;
import dev.floe.sink.SinkDefinition;
import dev.floe.sink.SinkDefinitionCodec;
import dev.floe.sink.SinkService;
import java.io.IOException;
import java.util.List;

/**
 * The sink control plane: {@code /client/v4/accounts/{account_id}/pipelines/v1/sinks}. A sink's
 * {@code schema} is what the pipeline writing to it writes, and null while none does.
 */
final class SinksApi {
    static final String SINKS = ApiPaths.ACCOUNT + "/pipelines/v1/sinks";

    private final SinkService sinks;
    private final PipelineService pipelines;

    SinksApi(SinkService sinks, PipelineService pipelines) {
        this.sinks = sinks;
        this.pipelines = pipelines;
    }

    void register(Router router) {
        router.add("GET", SINKS, this::list)
                .add("POST", SINKS, this::create)
                .add("GET", SINKS + "/{sink}", this::get)
                .add("DELETE", SINKS + "/{sink}", this::delete);
    }

    /** Every sink, or with {@code pipeline_id} the sinks that pipeline writes. */
    private void list(ApiExchange exchange) throws IOException {
        List<SinkDefinition> listed = sinks.list();
        String pipeline = exchange.query("pipeline_id");
        if (pipeline != null) {
            listed = pipelines.tables(pipelines.get(pipeline)).sinks();
        }
        exchange.send(200, PageRequest.of(exchange).answer(listed, this::toJson));
    }

    private void create(ApiExchange exchange) throws IOException {
        var created = sinks.create(SinkRequests.create(exchange.readJson()));
        exchange.send(200, Envelope.success(toJson(created)));
    }

    private void get(ApiExchange exchange) throws IOException {
        exchange.send(200, Envelope.success(toJson(sinks.get(exchange.path("sink")))));
    }

    private void delete(ApiExchange exchange) throws IOException {
        pipelines.deleteSink(exchange.path("sink"));
        exchange.send(200, Envelope.success(NullNode.getInstance()));
    }

    private ObjectNode toJson(SinkDefinition sink) {
        ObjectNode json = SinkDefinitionCodec.toJson(sink);
        pipelines.sinkSchema(sink).ifPresent(schema -> json.set("schema", schema.toJson()));
        return json;
    }
}
