package dev.floe.client;

import dev.floe.client.internal.ApiConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Creates, lists, reads and deletes sinks: the control plane of
 * {@code /client/v4/accounts/{account}/pipelines/v1/sinks}. Get it from {@link FloeClient#sinks()}.
 * Sinks cannot change; delete one and create it again. Failures are
 * {@link dev.floe.error.FloeException}s with the server's code and message; nothing is retried.
 */
public final class Sinks {
    private static final List<String> COLLECTION = List.of("pipelines", "v1", "sinks");

    private final ApiConnection connection;

    Sinks(ApiConnection connection) {
        this.connection = connection;
    }

    public SinkInfo create(SinkSpec spec) {
        return SinkInfo.fromJson(connection.call("POST", COLLECTION, Map.of(), spec.toJson()).result());
    }

    /** One page of the account's sinks, from page 1. */
    public Page<SinkInfo> list(int page, int perPage) {
        return Page.of(connection.call("GET", COLLECTION, Page.query(page, perPage), null), SinkInfo::fromJson,
                page, perPage);
    }

    /** The sink with this id or name; {@code NOT_FOUND} when there is none. */
    public SinkInfo get(String idOrName) {
        return SinkInfo.fromJson(connection.call("GET", sinkPath(idOrName), Map.of(), null).result());
    }

    public void delete(String idOrName) {
        connection.call("DELETE", sinkPath(idOrName), Map.of(), null);
    }

    private static List<String> sinkPath(String idOrName) {
        List<String> path = new ArrayList<>(COLLECTION);
        path.add(idOrName);
        return path;
    }
}
