package dev.floe.objects;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One version of an entity in the {@code things} table.
 *
 * @param id        the entity's local id, such as {@code Startup/acme}
 * @param type      its type, such as {@code Startup}
 * @param version   1 for the first version, then one more per write
 * @param data      its data, a JSON object
 * @param createdAt when version 1 was written
 * @param updatedAt when this version was written
 */
public record Thing(String id, String type, int version, JsonNode data, Instant createdAt, Instant updatedAt) {
}
