package dev.floe.engine;

import java.util.Locale;
import java.util.Set;

/**
 * Which columns are id-like: those a point lookup ({@code WHERE id = '…'}) looks a single thing up by,
 * and that therefore get Parquet bloom filters. A column is id-like by its name:
 *
 * <ul>
 *   <li>{@code id}, {@code key} or {@code uuid}, in any case;
 *   <li>a name ending in {@code _id} or {@code -id} in any case ({@code event_id}, {@code USER-ID}),
 *       or in {@code Id} or {@code ID} after a lowercase letter or a digit ({@code actionId},
 *       {@code userID});
 *   <li>the names by which events refer to an object: {@code actor}, {@code object} and
 *       {@code source} (an action's actor, an event's source object), in any case.
 * </ul>
 *
 * <p>Only string and integer columns qualify (the writer decides by type): those are what DuckDB
 * probes a bloom filter with.
 */
public final class IdColumns {
    private static final Set<String> NAMES = Set.of("id", "key", "uuid", "actor", "object", "source");

    private IdColumns() {}

    public static boolean isIdLike(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (NAMES.contains(lower) || lower.endsWith("_id") || lower.endsWith("-id")) {
            return true;
        }
        int length = name.length();
        return length > 2 && (name.endsWith("Id") || name.endsWith("ID"))
                && (Character.isLowerCase(name.charAt(length - 3)) || Character.isDigit(name.charAt(length - 3)));
    }
}
