package dev.floe.sink;

import java.time.Instant;
import java.util.Objects;

/**
 * What a sink is: where it writes and how. Sinks are immutable, like Cloudflare's: to change one,
 * delete it and create it again.
 *
 * @param path         the folder inside the bucket the sink writes under ({@code ""} for the root)
 * @param partitioning the time folders below {@code path}
 * @param credentials  as given at creation; never shown again
 * @param table        for an {@code r2_data_catalog} sink, its table; else {@code null}
 */
public record SinkDefinition(
        String id,
        String name,
        SinkType type,
        FileFormat format,
        String bucket,
        String path,
        TimePattern partitioning,
        RollingPolicy rollingPolicy,
        FileNaming fileNaming,
        SinkCredentials credentials,
        TableTarget table,
        Instant createdAt,
        Instant modifiedAt) {

    public SinkDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(partitioning, "partitioning");
        Objects.requireNonNull(rollingPolicy, "rollingPolicy");
        Objects.requireNonNull(fileNaming, "fileNaming");
    }
}
