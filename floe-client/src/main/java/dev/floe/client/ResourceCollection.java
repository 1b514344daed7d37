package dev.floe.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.floe.client.internal.ApiConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One collection of the control plane, such as {@code pipelines/v1/sinks}: creating, listing, reading
 * and deleting its items, each read from the server's JSON by {@code reader}.
 */
final class ResourceCollection<T> {
    private final ApiConnection connection;
    private final List<String> path;
    private final Function<JsonNode, T> reader;

    ResourceCollection(ApiConnection connection, List<String> path, Function<JsonNode, T> reader) {
        this.connection = connection;
        this.path = List.copyOf(path);
        this.reader = reader;
    }

    T create(JsonNode body) {
        return reader.apply(connection.call("POST", path, Map.of(), body).result());
    }

    /** One page, from page 1; {@code filters} are further query parameters, a null value leaving one out. */
    Page<T> list(int page, int perPage, Map<String, String> filters) {
        Map<String, String> query = Page.query(page, perPage);
        query.putAll(filters);
        return Page.of(connection.call("GET", path, query, null), reader, page, perPage);
    }

    /** The item with this id or name; {@code NOT_FOUND} when there is none. */
    T get(String idOrName) {
        return reader.apply(connection.call("GET", itemPath(idOrName), Map.of(), null).result());
    }

    void delete(String idOrName) {
        connection.call("DELETE", itemPath(idOrName), Map.of(), null);
    }

    private List<String> itemPath(String idOrName) {
        List<String> item = new ArrayList<>(path);
        item.add(idOrName);
        return item;
    }
}
