package dev.floe.api;

import static dev.floe.api.RequestFields.absent;
import static dev.floe.api.RequestFields.invalid;
import static dev.floe.api.RequestFields.optionalBoolean;
import static dev.floe.api.RequestFields.requireObject;
import static dev.floe.api.RequestFields.requiredText;

import com.fasterxml.jackson.databind.JsonNode;
import dev.floe.stream.HttpIngestSettings;
import dev.floe.stream.NewStream;
import dev.floe.stream.SettingsUpdate;
import dev.floe.stream.StreamDefinition;
import dev.floe.stream.StreamDefinitionCodec;
import dev.floe.stream.schema.StreamSchema;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** Reads the JSON bodies of the stream control plane into requests, naming any field that is wrong. */
final class StreamRequests {
    private StreamRequests() {
    }

    static NewStream create(JsonNode body) {
        requireObject(body, "request body");
        JsonNode format = body.path("format");
        if (!absent(format)) {
            requireObject(format, "'format'");
            JsonNode type = format.path("type");
            if (!type.isMissingNode() && !"json".equals(type.asText())) {
                throw invalid("'format.type' must be \"json\", got " + type);
            }
        }
        JsonNode schemaJson = body.path("schema");
        StreamSchema schema = absent(schemaJson) ? null : StreamSchema.fromJson(schemaJson);
        if (schema != null && format.path("unstructured").asBoolean(false)) {
            throw invalid("'format.unstructured' is true but a 'schema' is given; send one or the other");
        }
        HttpIngestSettings http = http(body.path("http"), new HttpIngestSettings(true, true, List.of()));
        boolean workerBinding = workerBinding(body.path("worker_binding"), true);
        return new NewStream(requiredText(body, "name", "name"), schema, http, workerBinding);
    }

    /**
     * A PATCH body. Only {@code http} and {@code worker_binding} may change; a schema, name or format
     * that differs from the stream's is refused because they are immutable.
     */
    static SettingsUpdate update(JsonNode body, StreamDefinition current) {
        requireObject(body, "request body");
        JsonNode currentJson = StreamDefinitionCodec.toJson(current);
        for (String immutable : List.of("name", "schema", "format")) {
            JsonNode given = body.path(immutable);
            if (!given.isMissingNode() && !given.equals(currentJson.path(immutable))) {
                throw invalid("'" + immutable + "' of a stream cannot change; delete the stream and create it again");
            }
        }
        JsonNode http = body.path("http");
        JsonNode binding = body.path("worker_binding");
        return new SettingsUpdate(
                http.isMissingNode() ? null : http(http, current.http()),
                binding.isMissingNode() ? null : workerBinding(binding, current.workerBindingEnabled()));
    }

    private static HttpIngestSettings http(JsonNode http, HttpIngestSettings defaults) {
        if (absent(http)) {
            return defaults;
        }
        requireObject(http, "'http'");
        boolean enabled = optionalBoolean(http, "enabled", "http.enabled", defaults.enabled());
        boolean authentication = optionalBoolean(http, "authentication", "http.authentication",
                defaults.authentication());
        JsonNode cors = http.path("cors");
        List<String> origins = defaults.corsOrigins();
        if (!absent(cors)) {
            requireObject(cors, "'http.cors'");
            origins = origins(cors.path("origins"));
        }
        return new HttpIngestSettings(enabled, authentication, origins);
    }

    private static List<String> origins(JsonNode json) {
        if (absent(json)) {
            return List.of();
        }
        if (!json.isArray()) {
            throw invalid("'http.cors.origins' must be an array of origins such as \"https://app.example.com\" or \"*\"");
        }
        List<String> origins = new ArrayList<>();
        for (JsonNode origin : json) {
            if (!origin.isTextual() || !validOrigin(origin.asText())) {
                throw invalid("'http.cors.origins' holds " + origin + ", which is not an origin; use \"*\" or "
                        + "scheme://host[:port] such as \"https://app.example.com\"");
            }
            origins.add(origin.asText());
        }
        return origins;
    }

    private static boolean validOrigin(String origin) {
        if (origin.equals("*")) {
            return true;
        }
        try {
            URI uri = new URI(origin);
            return uri.getScheme() != null && uri.getHost() != null
                    && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
                    && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static boolean workerBinding(JsonNode binding, boolean defaultValue) {
        if (absent(binding)) {
            return defaultValue;
        }
        requireObject(binding, "'worker_binding'");
        return optionalBoolean(binding, "enabled", "worker_binding.enabled", defaultValue);
    }
}
