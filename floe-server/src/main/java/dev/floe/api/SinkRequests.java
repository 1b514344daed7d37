package dev.floe.api;

import static dev.floe.api.RequestFields.absent;
import static dev.floe.api.RequestFields.invalid;
import static dev.floe.api.RequestFields.optionalText;
import static dev.floe.api.RequestFields.requireObject;
import static dev.floe.api.RequestFields.requiredText;
import static dev.floe.api.RequestFields.wholeNumber;

import com.fasterxml.jackson.databind.JsonNode;
import dev.floe.sink.FileFormat;
import dev.floe.sink.FileNaming;
import dev.floe.sink.NamingStrategy;
import dev.floe.sink.NewSink;
import dev.floe.sink.RollingPolicy;
import dev.floe.sink.SinkCredentials;
import dev.floe.sink.SinkType;
import dev.floe.sink.TableTarget;
import dev.floe.sink.TimePattern;

/** Reads the JSON body that creates a sink, with Cloudflare's defaults, naming any field that is wrong. */
final class SinkRequests {
    private SinkRequests() {
    }

    static NewSink create(JsonNode body) {
        requireObject(body, "request body");
        String name = requiredText(body, "name", "name");
        SinkType type = SinkType.fromWireName(requiredText(body, "type", "type")).orElseThrow(() ->
                invalid("'type' must be \"r2\" or \"r2_data_catalog\", got " + body.path("type")));
        JsonNode config = body.path("config");
        requireObject(config, "'config'");
        return new NewSink(
                name,
                type,
                format(body.path("format")),
                requiredText(config, "bucket", "config.bucket"),
                path(optionalText(config, "path", "config.path", "")),
                partitioning(config.path("partitioning")),
                rollingPolicy(config.path("rolling_policy"), type),
                fileNaming(config.path("file_naming")),
                credentials(config.path("credentials")),
                type == SinkType.R2_DATA_CATALOG ? table(config) : null);
    }

    private static TableTarget table(JsonNode config) {
        return new TableTarget(requiredText(config, "namespace", "config.namespace"),
                requiredText(config, "table_name", "config.table_name"), optionalText(config, "token", "config.token", null));
    }

    private static FileFormat format(JsonNode format) {
        if (absent(format)) {
            return FileFormat.DEFAULT_PARQUET;
        }
        requireObject(format, "'format'");
        String type = optionalText(format, "type", "format.type", FileFormat.PARQUET);
        if (type.equals(FileFormat.JSON)) {
            String compression = optionalText(format, "compression", "format.compression", "none");
            if (!FileFormat.JSON_COMPRESSIONS.contains(compression)) {
                throw invalid("'format.compression' of a json sink must be one of " + FileFormat.JSON_COMPRESSIONS
                        + ", got \"" + compression + "\"");
            }
            return new FileFormat(FileFormat.JSON, compression, 0);
        }
        if (!type.equals(FileFormat.PARQUET)) {
            throw invalid("'format.type' must be \"json\" or \"parquet\", got \"" + type + "\"");
        }
        String compression = optionalText(format, "compression", "format.compression", "zstd");
        if (!FileFormat.PARQUET_COMPRESSIONS.contains(compression)) {
            throw invalid("'format.compression' of a parquet sink must be one of " + FileFormat.PARQUET_COMPRESSIONS
                    + ", got \"" + compression + "\"");
        }
        long rowGroupBytes = wholeNumber(format, "row_group_bytes", "format.row_group_bytes", 1,
                FileFormat.DEFAULT_ROW_GROUP_BYTES);
        return new FileFormat(FileFormat.PARQUET, compression, rowGroupBytes);
    }

    /** The sink's folder in the bucket, without slashes at either end. */
    private static String path(String path) {
        String trimmed = path.replaceAll("^/+|/+$", "");
        if (trimmed.contains("\\") || trimmed.contains("//")) {
            throw invalid("'config.path' \"" + path + "\" must be folders separated by single '/'");
        }
        for (String segment : trimmed.split("/")) {
            if (segment.equals("..") || segment.equals(".")) {
                throw invalid("'config.path' \"" + path + "\" may not contain '" + segment + "'");
            }
        }
        return trimmed;
    }

    private static TimePattern partitioning(JsonNode partitioning) {
        if (absent(partitioning)) {
            return TimePattern.DEFAULT;
        }
        requireObject(partitioning, "'config.partitioning'");
        JsonNode pattern = partitioning.path("time_pattern");
        return absent(pattern) ? TimePattern.DEFAULT
                : new TimePattern(optionalText(partitioning, "time_pattern", "config.partitioning.time_pattern", ""));
    }

    private static RollingPolicy rollingPolicy(JsonNode rolling, SinkType type) {
        // A table is read by engines that pay per file: its files are capped to a size worth reading.
        long defaultFileSize = type == SinkType.R2_DATA_CATALOG ? RollingPolicy.DEFAULT_TABLE_FILE_SIZE_BYTES : 0;
        if (absent(rolling)) {
            return new RollingPolicy(RollingPolicy.DEFAULT_INTERVAL_SECONDS, defaultFileSize, 0);
        }
        requireObject(rolling, "'config.rolling_policy'");
        return new RollingPolicy(
                wholeNumber(rolling, "interval_seconds", "config.rolling_policy.interval_seconds", 1,
                        RollingPolicy.DEFAULT_INTERVAL_SECONDS),
                wholeNumber(rolling, "file_size_bytes", "config.rolling_policy.file_size_bytes", 0, defaultFileSize),
                wholeNumber(rolling, "inactivity_seconds", "config.rolling_policy.inactivity_seconds", 0, 0));
    }

    private static FileNaming fileNaming(JsonNode naming) {
        if (absent(naming)) {
            return FileNaming.DEFAULT;
        }
        requireObject(naming, "'config.file_naming'");
        String prefix = optionalText(naming, "prefix", "config.file_naming.prefix", "");
        String suffix = optionalText(naming, "suffix", "config.file_naming.suffix", "");
        for (String part : new String[] {prefix, suffix}) {
            if (part.contains("/") || part.contains("\\")) {
                throw invalid("'config.file_naming' prefix and suffix may not contain '/' or '\\', got \"" + part + "\"");
            }
        }
        String strategy = optionalText(naming, "strategy", "config.file_naming.strategy",
                FileNaming.DEFAULT.strategy().wireName());
        return new FileNaming(prefix, suffix, NamingStrategy.fromWireName(strategy).orElseThrow(() ->
                invalid("'config.file_naming.strategy' must be one of " + NamingStrategy.wireNames() + ", got \""
                        + strategy + "\"")));
    }

    private static SinkCredentials credentials(JsonNode credentials) {
        if (absent(credentials)) {
            return null;
        }
        requireObject(credentials, "'config.credentials'");
        return new SinkCredentials(
                requiredText(credentials, "access_key_id", "config.credentials.access_key_id"),
                requiredText(credentials, "secret_access_key", "config.credentials.secret_access_key"));
    }
}
