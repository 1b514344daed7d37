package dev.floe.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.floe.client.internal.ApiConnection;
import dev.floe.client.internal.ApiResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
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
        if (page < 1 || perPage < 1) {
            throw new IllegalArgumentException("page and perPage must be at least 1, got " + page + " and " + perPage);
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("page", Integer.toString(page));
        query.put("per_page", Integer.toString(perPage));
        query.put("name", nameFilter);
        ApiResult answer = connection.call("GET", COLLECTION, query, null);
        List<StreamInfo> items = new ArrayList<>();
        answer.result().forEach(stream -> items.add(StreamInfo.fromJson(stream)));
        JsonNode info = answer.resultInfo();
        return new Page<>(items,
                info.path("page").asInt(page),
                info.path("per_page").asInt(perPage),
                info.path("count").asInt(items.size()),
                info.path("total_count").asInt(items.size()),
                info.path("total_pages").asInt(1));
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
