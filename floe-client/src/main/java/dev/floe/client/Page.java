package dev.floe.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.floe.client.internal.ApiResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One page of a list.
 *
 * @param items      what is on this page
 * @param page       this page's number, from 1
 * @param perPage    how many items a page holds at most
 * @param count      how many items are on this page
 * @param totalCount how many items there are on all pages
 * @param totalPages how many pages there are
 */
public record Page<T>(List<T> items, int page, int perPage, int count, int totalCount, int totalPages) {

    public Page {
        items = List.copyOf(items);
    }

    public boolean hasNextPage() {
        return page < totalPages;
    }

    /** The query of a list request for one page. */
    static Map<String, String> query(int page, int perPage) {
        if (page < 1 || perPage < 1) {
            throw new IllegalArgumentException("page and perPage must be at least 1, got " + page + " and " + perPage);
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("page", Integer.toString(page));
        query.put("per_page", Integer.toString(perPage));
        return query;
    }

    /** The page a list answer holds, each item read by {@code reader}. */
    static <T> Page<T> of(ApiResult answer, Function<JsonNode, T> reader, int page, int perPage) {
        List<T> items = new ArrayList<>();
        answer.result().forEach(item -> items.add(reader.apply(item)));
        JsonNode info = answer.resultInfo();
        return new Page<>(items,
                info.path("page").asInt(page),
                info.path("per_page").asInt(perPage),
                info.path("count").asInt(items.size()),
                info.path("total_count").asInt(items.size()),
                info.path("total_pages").asInt(1));
    }
}
