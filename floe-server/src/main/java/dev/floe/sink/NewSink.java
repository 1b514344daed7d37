package dev.floe.sink;

/**
 * A request to create a sink; {@code credentials} may be {@code null}, and {@code table} is given
 * for {@code r2_data_catalog} sinks only.
 */
public record NewSink(
        String name,
        SinkType type,
        FileFormat format,
        String bucket,
        String path,
        TimePattern partitioning,
        RollingPolicy rollingPolicy,
        FileNaming fileNaming,
        SinkCredentials credentials,
        TableTarget table) {
}
