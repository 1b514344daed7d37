package dev.floe.client;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * What to create a sink with. Build one with {@link #builder(String, String, String)}; a setting left
 * unset takes the server's default (Parquet with zstd, {@code year=%Y/month=%m/day=%d}, a file every
 * 300 s, uuid file names).
 */
public final class SinkSpec {
    private final ObjectNode body;

    private SinkSpec(ObjectNode body) {
        this.body = body;
    }

    /**
     * @param name   letters, digits and underscores
     * @param type   {@code r2} (files in a bucket)
     * @param bucket the bucket the files go to; it must exist
     */
    public static Builder builder(String name, String type, String bucket) {
        return new Builder(Objects.requireNonNull(name, "name"), Objects.requireNonNull(type, "type"),
                Objects.requireNonNull(bucket, "bucket"));
    }

    /** The body of the create request. */
    ObjectNode toJson() {
        return body.deepCopy();
    }

    public static final class Builder {
        private final ObjectNode body = JsonNodeFactory.instance.objectNode();
        private final ObjectNode config;

        private Builder(String name, String type, String bucket) {
            body.put("name", name);
            body.put("type", type);
            config = body.putObject("config");
            config.put("bucket", bucket);
        }

        private ObjectNode format() {
            return body.has("format") ? (ObjectNode) body.get("format") : body.putObject("format");
        }

        private ObjectNode section(String name) {
            return config.has(name) ? (ObjectNode) config.get(name) : config.putObject(name);
        }

        /** {@code json} or {@code parquet}. */
        public Builder format(String type) {
            format().put("type", type);
            return this;
        }

        /** For Parquet zstd, snappy, gzip, lz4 or uncompressed; for JSON none or gzip. */
        public Builder compression(String compression) {
            format().put("compression", compression);
            return this;
        }

        public Builder rowGroupBytes(long bytes) {
            format().put("row_group_bytes", bytes);
            return this;
        }

        /** The folder in the bucket the files go under. */
        public Builder path(String path) {
            config.put("path", path);
            return this;
        }

        /** The time folders below the path, such as {@code year=%Y/month=%m/day=%d/hour=%H}. */
        public Builder timePattern(String pattern) {
            section("partitioning").put("time_pattern", pattern);
            return this;
        }

        public Builder rollIntervalSeconds(long seconds) {
            section("rolling_policy").put("interval_seconds", seconds);
            return this;
        }

        public Builder rollFileSizeBytes(long bytes) {
            section("rolling_policy").put("file_size_bytes", bytes);
            return this;
        }

        public Builder rollInactivitySeconds(long seconds) {
            section("rolling_policy").put("inactivity_seconds", seconds);
            return this;
        }

        /** {@code serial}, {@code uuid}, {@code uuid_v7} or {@code ulid}, with an optional prefix and suffix. */
        public Builder fileNaming(String prefix, String suffix, String strategy) {
            ObjectNode naming = section("file_naming");
            naming.put("prefix", prefix);
            naming.put("suffix", suffix);
            naming.put("strategy", strategy);
            return this;
        }

        /** S3 credentials, as wrangler sends them; a bucket on the server's disk does not use them. */
        public Builder credentials(String accessKeyId, String secretAccessKey) {
            ObjectNode credentials = section("credentials");
            credentials.put("access_key_id", accessKeyId);
            credentials.put("secret_access_key", secretAccessKey);
            return this;
        }

        /**
         * For an {@code r2_data_catalog} sink: the Iceberg table it appends to, in its bucket's
         * catalog, and the catalog token Cloudflare's sinks take (kept, never shown).
         */
        public Builder table(String namespace, String tableName, String catalogToken) {
            config.put("namespace", namespace);
            config.put("table_name", tableName);
            if (catalogToken != null) {
                config.put("token", catalogToken);
            }
            return this;
        }

        public SinkSpec build() {
            return new SinkSpec(body.deepCopy());
        }
    }
}
