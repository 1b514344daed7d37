package dev.floe.client;

import dev.floe.client.internal.ApiConnection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Creates, lists, reads, changes and deletes streams: the control plane of
 * {@code /client/v4/accounts/{account}/pipelines/v1/streams}. Get it from {@link FloeClient#streams()}.
 *
 * <p>Every method throws {@link dev.floe.error.FloeException} with the server's code and message when
 * the request fails, {@code UNAVAILABLE} when floe cannot be reached. Nothing is retried.
 */
public final class Streams {
    private static final List<String> COLLECTION = List.of("pipelines", "v1", "streams");

    private final ApiConnection connection;

    Streams(ApiConnection connection) {
        this.connection = connection;
    }

    public StreamInfo create(StreamSpec spec) {
        return StreamInfo.fromJson(connection.call("POST", COLLECTION, Map.of(), spec.toJson()).result());
    }

    /**
     * One page of the account's streams.
     *
     * @param page       the page number, from 1
     * @param perPage    how many streams a page holds
     * @param nameFilter only streams whose name contains this, or {@code null} for all
     */
    public Page<StreamInfo> list(int page, int perPage, String nameFilter) {
        Map<String, String> query = Page.query(page, perPage);
        query.put("name", nameFilter);
        return Page.of(connection.call("GET", COLLECTION, query, null), StreamInfo::fromJson, page, perPage);
    }

    /** The stream with this id or name; {@code NOT_FOUND} when there is none. */
    public StreamInfo get(String idOrName) {
        return StreamInfo.fromJson(connection.call("GET", streamPath(idOrName), Map.of(), null).result());
    }

    /** Changes the settings {@code update} names and returns the stream as it is now. */
    public StreamInfo update(String idOrName, StreamUpdate update) {
        return StreamInfo.fromJson(connection.call("PATCH", streamPath(idOrName), Map.of(), update.toJson()).result());
    }

    /**
     * Deletes a stream and the records it holds.
     *
     * @param force delete it even when pipelines read from it; otherwise that is a {@code CONFLICT}
     */
    public void delete(String idOrName, boolean force) {
        connection.call("DELETE", streamPath(idOrName), Map.of("force", Boolean.toString(force)), null);
    }

    static List<String> streamPath(String idOrName) {
        List<String> path = new ArrayList<>(COLLECTION);
        path.add(idOrName);
        return path;
    }
}
