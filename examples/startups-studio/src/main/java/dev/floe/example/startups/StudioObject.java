package dev.floe.example.startups;

import dev.floe.objects.DurableObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** What the studio's objects share: they can say what they committed, to check the lake against. */
public abstract class StudioObject extends DurableObject {
    /** The built-in tables an object's records go out from, and the columns worth counting them by. */
    private static final Map<String, Set<String>> COUNTABLE = Map.of(
            "events", Set.of("verb", "sourceType"),
            "things", Set.of("type"),
            "actions", Set.of("actor", "verb", "status"));

    /** How many rows this object committed to one of its built-in tables ({@code events}, {@code things}, {@code actions}). */
    public long committed(String table) {
        requireCountable(table, null);
        return ((Number) ctx().storage().sql().exec("SELECT COUNT(*) AS n FROM " + table).one().get("n")).longValue();
    }

    /** {@link #committed(String)}, counted by the values of a column, such as events by verb. */
    public Map<String, Long> committedBy(String table, String column) {
        requireCountable(table, column);
        Map<String, Long> counts = new LinkedHashMap<>();
        ctx().storage().sql().exec("SELECT " + column + " AS value, COUNT(*) AS n FROM " + table + " GROUP BY 1")
                .toArray().forEach(row -> counts.put((String) row.get("value"), ((Number) row.get("n")).longValue()));
        return counts;
    }

    private static void requireCountable(String table, String column) {
        Set<String> columns = COUNTABLE.get(table);
        if (columns == null || (column != null && !columns.contains(column))) {
            throw new IllegalArgumentException("cannot count " + table + (column == null ? "" : " by " + column)
                    + "; the countable tables and columns are " + COUNTABLE);
        }
    }
}
