package dev.floe.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What to create a stream with. Build one with {@link #builder(String)}.
 *
 * @param name                 letters, digits and underscores
 * @param schema               {@code {"fields":[…]}}, or {@code null} for an unstructured stream whose
 *                             records land in a single {@code value} column
 * @param httpEnabled          whether records may be sent to the stream's HTTP endpoint
 * @param httpAuthentication   whether the HTTP endpoint requires the API token
 * @param corsOrigins          origins browsers may send from; empty leaves the server's default
 * @param workerBindingEnabled whether records may be sent through the binding route ({@link Stream})
 */
public record StreamSpec(String name, JsonNode schema, boolean httpEnabled, boolean httpAuthentication,
                         List<String> corsOrigins, boolean workerBindingEnabled) {
    /** The names floe accepts, the same as Cloudflare's. */
    public static final Pattern NAME_PATTERN = Pattern.compile("^[a-zA-Z0-9_]+$");

    public StreamSpec {
        requireValidName(name);
        schema = schema == null || schema.isNull() ? null : schema.deepCopy();
        corsOrigins = List.copyOf(corsOrigins);
    }

    /**
     * A builder with HTTP ingest and authentication, the worker binding, no CORS origins and no schema.
     *
     * @throws FloeException {@code INVALID_REQUEST} when the name is not valid
     */
    public static Builder builder(String name) {
        return new Builder(requireValidName(name));
    }

    /** Whether the stream takes any JSON, as opposed to records matching a schema. */
    public boolean unstructured() {
        return schema == null;
    }

    private static String requireValidName(String name) {
        Objects.requireNonNull(name, "name");
        if (!NAME_PATTERN.matcher(name).matches()) {
            throw new FloeException(ErrorCode.INVALID_REQUEST, "invalid stream name \"" + name
                    + "\": a stream name may contain only letters, digits and underscores");
        }
        return name;
    }

    /** The body of the create request. */
    ObjectNode toJson() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("name", name);
        ObjectNode format = body.putObject("format").put("type", "json");
        if (schema == null) {
            format.put("unstructured", true);
        } else {
            body.set("schema", schema.deepCopy());
        }
        ObjectNode http = body.putObject("http")
                .put("enabled", httpEnabled)
                .put("authentication", httpAuthentication);
        if (!corsOrigins.isEmpty()) {
            http.putObject("cors").set("origins", JsonValues.stringArray(corsOrigins));
        }
        body.putObject("worker_binding").put("enabled", workerBindingEnabled);
        return body;
    }

    public static final class Builder {
        private final String name;
        private JsonNode schema;
        private boolean httpEnabled = true;
        private boolean httpAuthentication = true;
        private final List<String> corsOrigins = new ArrayList<>();
        private boolean workerBindingEnabled = true;

        private Builder(String name) {
            this.name = name;
        }

        /** {@code {"fields":[…]}}, or {@code null} (the default) for an unstructured stream. */
        public Builder schema(JsonNode schema) {
            this.schema = schema;
            return this;
        }

        public Builder httpEnabled(boolean enabled) {
            this.httpEnabled = enabled;
            return this;
        }

        public Builder httpAuthentication(boolean required) {
            this.httpAuthentication = required;
            return this;
        }

        /** Adds origins browsers may send records from, such as {@code https://example.com} or {@code *}. */
        public Builder corsOrigins(List<String> origins) {
            this.corsOrigins.addAll(origins);
            return this;
        }

        public Builder workerBindingEnabled(boolean enabled) {
            this.workerBindingEnabled = enabled;
            return this;
        }

        public StreamSpec build() {
            return new StreamSpec(name, schema, httpEnabled, httpAuthentication, corsOrigins, workerBindingEnabled);
        }
    }
}
