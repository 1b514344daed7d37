package dev.floe.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.floe.json.Json;
import java.util.List;
import java.util.function.Function;

/** A list request's {@code page} (from 1) and {@code per_page} (1 to 1000, default 20), and answering it. */
record PageRequest(int page, int perPage) {
    private static final int DEFAULT_PER_PAGE = 20;
    private static final int MAX_PER_PAGE = 1000;

    static PageRequest of(ApiExchange exchange) {
        return new PageRequest(exchange.intQuery("page", 1, 1, Integer.MAX_VALUE),
                exchange.intQuery("per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE));
    }

    /** The envelope holding this page of {@code all}, each item turned into JSON by {@code toJson}. */
    <T> ObjectNode answer(List<T> all, Function<T, JsonNode> toJson) {
        long from = (long) (page - 1) * perPage;
        List<T> items = from >= all.size() ? List.of()
                : all.subList((int) from, (int) Math.min(all.size(), from + perPage));
        ArrayNode result = Json.MAPPER.createArrayNode();
        items.forEach(item -> result.add(toJson.apply(item)));
        return Envelope.page(result, page, perPage, items.size(), all.size());
    }
}
