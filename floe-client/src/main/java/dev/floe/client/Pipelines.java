package dev.floe.client;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.floe.client.internal.ApiConnection;
import java.util.List;
import java.util.Map;

/**
 * Creates, lists, reads and deletes pipelines: the control plane of
 * {@code /client/v4/accounts/{account}/pipelines/v1/pipelines}. Get it from
 * {@link FloeClient#pipelines()}. Pipelines cannot change; delete one and create it again. Failures
 * are {@link dev.floe.error.FloeException}s with the server's code and message; nothing is retried.
 */
public final class Pipelines {
    private final ResourceCollection<PipelineInfo> pipelines;

    Pipelines(ApiConnection connection) {
        this.pipelines = new ResourceCollection<>(connection, List.of("pipelines", "v1", "pipelines"),
                PipelineInfo::fromJson);
    }

    /**
     * Creates a pipeline and starts it.
     *
     * @param sql {@code INSERT INTO <sink> SELECT … FROM <stream> …} statements; {@code INVALID_REQUEST}
     *            naming the line and column when they do not compile, {@code CONFLICT} when a sink
     *            already has a pipeline writing to it
     */
    public PipelineInfo create(String name, String sql) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("name", name);
        body.put("sql", sql);
        return pipelines.create(body);
    }

    /** One page of the account's pipelines, from page 1. */
    public Page<PipelineInfo> list(int page, int perPage) {
        return pipelines.list(page, perPage, Map.of());
    }

    /** The pipeline with this id or name, with the streams and sinks it uses; {@code NOT_FOUND} when there is none. */
    public PipelineInfo get(String idOrName) {
        return pipelines.get(idOrName);
    }

    /** Stops a pipeline and deletes it. The files it wrote stay. */
    public void delete(String idOrName) {
        pipelines.delete(idOrName);
    }
}
