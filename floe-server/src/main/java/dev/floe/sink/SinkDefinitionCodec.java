package dev.floe.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.floe.json.Json;
import java.time.Instant;

/**
 * A sink as JSON, in the shape of Cloudflare's sink object. {@link #toJson} leaves the credentials
 * and the catalog token out, as every answer of the API must; {@link #toStoredJson} keeps them, for
 * the definition file.
 */
public final class SinkDefinitionCodec {
    private SinkDefinitionCodec() {
    }

    public static ObjectNode toJson(SinkDefinition sink) {
        ObjectNode json = Json.object();
        json.put("id", sink.id());
        json.put("name", sink.name());
        json.put("type", sink.type().wireName());
        ObjectNode format = json.putObject("format");
        format.put("type", sink.format().type());
        format.put("compression", sink.format().compression());
        if (sink.format().parquet()) {
            format.put("row_group_bytes", sink.format().rowGroupBytes());
        }
        ObjectNode config = json.putObject("config");
        config.put("bucket", sink.bucket());
        config.put("path", sink.path());
        config.putObject("partitioning").put("time_pattern", sink.partitioning().pattern());
        ObjectNode rolling = config.putObject("rolling_policy");
        rolling.put("interval_seconds", sink.rollingPolicy().intervalSeconds());
        rolling.put("file_size_bytes", sink.rollingPolicy().fileSizeBytes());
        rolling.put("inactivity_seconds", sink.rollingPolicy().inactivitySeconds());
        ObjectNode naming = config.putObject("file_naming");
        naming.put("prefix", sink.fileNaming().prefix());
        naming.put("suffix", sink.fileNaming().suffix());
        naming.put("strategy", sink.fileNaming().strategy().wireName());
        if (sink.table() != null) {
            config.put("namespace", sink.table().namespace());
            config.put("table_name", sink.table().tableName());
        }
        json.putNull("schema");
        json.put("created_at", sink.createdAt().toString());
        json.put("modified_at", sink.modifiedAt().toString());
        return json;
    }

    public static ObjectNode toStoredJson(SinkDefinition sink) {
        ObjectNode json = toJson(sink);
        if (sink.credentials() != null) {
            ObjectNode credentials = ((ObjectNode) json.path("config")).putObject("credentials");
            credentials.put("access_key_id", sink.credentials().accessKeyId());
            credentials.put("secret_access_key", sink.credentials().secretAccessKey());
        }
        if (sink.table() != null && sink.table().token() != null) {
            ((ObjectNode) json.path("config")).put("token", sink.table().token());
        }
        return json;
    }

    /** Reads a definition {@link #toStoredJson} wrote. */
    public static SinkDefinition fromStoredJson(JsonNode json) {
        JsonNode format = json.path("format");
        JsonNode config = json.path("config");
        JsonNode rolling = config.path("rolling_policy");
        JsonNode naming = config.path("file_naming");
        JsonNode credentials = config.path("credentials");
        return new SinkDefinition(
                json.path("id").asText(),
                json.path("name").asText(),
                SinkType.fromWireName(json.path("type").asText()).orElseThrow(),
                new FileFormat(format.path("type").asText(), format.path("compression").asText(),
                        format.path("row_group_bytes").asLong(0)),
                config.path("bucket").asText(),
                config.path("path").asText(""),
                new TimePattern(config.path("partitioning").path("time_pattern").asText()),
                new RollingPolicy(rolling.path("interval_seconds").asLong(), rolling.path("file_size_bytes").asLong(),
                        rolling.path("inactivity_seconds").asLong()),
                new FileNaming(naming.path("prefix").asText(""), naming.path("suffix").asText(""),
                        NamingStrategy.fromWireName(naming.path("strategy").asText()).orElseThrow()),
                credentials.isObject() ? new SinkCredentials(credentials.path("access_key_id").asText(),
                        credentials.path("secret_access_key").asText()) : null,
                config.has("table_name") ? new TableTarget(config.path("namespace").asText(),
                        config.path("table_name").asText(), config.hasNonNull("token") ? config.path("token").asText() : null)
                        : null,
                Instant.parse(json.path("created_at").asText()),
                Instant.parse(json.path("modified_at").asText()));
    }
}
