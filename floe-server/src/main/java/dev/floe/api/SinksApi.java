package dev.floe.api;

import com.fasterxml.jackson.databind.node.NullNode;
import dev.floe.sink.SinkDefinitionCodec;
import dev.floe.sink.SinkService;
import java.io.IOException;

/** The sink control plane: {@code /client/v4/accounts/{account_id}/pipelines/v1/sinks}. */
final class SinksApi {
    static final String SINKS = ApiPaths.ACCOUNT + "/pipelines/v1/sinks";

    private final SinkService sinks;

    SinksApi(SinkService sinks) {
        this.sinks = sinks;
    }

    void register(Router router) {
        router.add("GET", SINKS, this::list)
                .add("POST", SINKS, this::create)
                .add("GET", SINKS + "/{sink}", this::get)
                .add("DELETE", SINKS + "/{sink}", this::delete);
    }

    private void list(ApiExchange exchange) throws IOException {
        exchange.send(200, PageRequest.of(exchange).answer(sinks.list(), SinkDefinitionCodec::toJson));
    }

    private void create(ApiExchange exchange) throws IOException {
        var created = sinks.create(SinkRequests.create(exchange.readJson()));
        exchange.send(200, Envelope.success(SinkDefinitionCodec.toJson(created)));
    }

    private void get(ApiExchange exchange) throws IOException {
        exchange.send(200, Envelope.success(SinkDefinitionCodec.toJson(sinks.get(exchange.path("sink")))));
    }

    private void delete(ApiExchange exchange) throws IOException {
        sinks.delete(exchange.path("sink"));
        exchange.send(200, Envelope.success(NullNode.getInstance()));
    }
}
