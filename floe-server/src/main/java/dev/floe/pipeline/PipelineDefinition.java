package dev.floe.pipeline;

import java.time.Instant;
import java.util.Objects;

/**
 * What a pipeline is: its SQL. Pipelines are immutable, like Cloudflare's: to change one, delete it
 * and create it again.
 *
 * @param sql       the SQL as the user wrote it
 * @param createdAt when it was created; the SQL's {@code now()} is fixed at this moment, so that
 *                  replaying a range after a crash yields the same rows
 */
public record PipelineDefinition(String id, String name, String sql, Instant createdAt, Instant modifiedAt) {

    public PipelineDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(modifiedAt, "modifiedAt");
    }
}
