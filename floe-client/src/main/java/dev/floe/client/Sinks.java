package dev.floe.client;

import dev.floe.client.internal.ApiConnection;
import java.util.List;
import java.util.Map;

/**
 * Creates, lists, reads and deletes sinks: the control plane of
 * {@code /client/v4/accounts/{account}/pipelines/v1/sinks}. Get it from {@link FloeClient#sinks()}.
 * Sinks cannot change; delete one and create it again. Failures are
 * {@link dev.floe.error.FloeException}s with the server's code and message; nothing is retried.
 */
public final class Sinks {
    private final ResourceCollection<SinkInfo> sinks;

    Sinks(ApiConnection connection) {
        this.sinks = new ResourceCollection<>(connection, List.of("pipelines", "v1", "sinks"), SinkInfo::fromJson);
    }

    public SinkInfo create(SinkSpec spec) {
        return sinks.create(spec.toJson());
    }

    /** One page of the account's sinks, from page 1. */
    public Page<SinkInfo> list(int page, int perPage) {
        return sinks.list(page, perPage, Map.of());
    }

    /** The sink with this id or name; {@code NOT_FOUND} when there is none. */
    public SinkInfo get(String idOrName) {
        return sinks.get(idOrName);
    }

    /** Deletes a sink; {@code CONFLICT} while a pipeline writes to it. The files it wrote stay. */
    public void delete(String idOrName) {
        sinks.delete(idOrName);
    }
}
