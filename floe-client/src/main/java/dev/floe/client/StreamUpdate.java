package dev.floe.client;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * The settings of a stream that may change after it was created; {@code null} leaves a setting as
 * it is. The name, format and schema never change. Build one with {@link #builder()}.
 *
 * @param httpEnabled          whether records may be sent to the HTTP endpoint
 * @param httpAuthentication   whether the HTTP endpoint requires the API token
 * @param corsOrigins          the origins browsers may send from, replacing the current ones
 * @param workerBindingEnabled whether records may be sent through the binding route
 */
public record StreamUpdate(Boolean httpEnabled, Boolean httpAuthentication, List<String> corsOrigins,
                           Boolean workerBindingEnabled) {

    public StreamUpdate {
        corsOrigins = corsOrigins == null ? null : List.copyOf(corsOrigins);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The body of the update request, holding only what changes. */
    ObjectNode toJson() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        if (httpEnabled != null || httpAuthentication != null || corsOrigins != null) {
            ObjectNode http = body.putObject("http");
            if (httpEnabled != null) {
                http.put("enabled", httpEnabled);
            }
            if (httpAuthentication != null) {
                http.put("authentication", httpAuthentication);
            }
            if (corsOrigins != null) {
                http.putObject("cors").set("origins", JsonValues.stringArray(corsOrigins));
            }
        }
        if (workerBindingEnabled != null) {
            body.putObject("worker_binding").put("enabled", workerBindingEnabled);
        }
        return body;
    }

    public static final class Builder {
        private Boolean httpEnabled;
        private Boolean httpAuthentication;
        private List<String> corsOrigins;
        private Boolean workerBindingEnabled;

        private Builder() {
        }

        public Builder httpEnabled(boolean enabled) {
            this.httpEnabled = enabled;
            return this;
        }

        public Builder httpAuthentication(boolean required) {
            this.httpAuthentication = required;
            return this;
        }

        /** Replaces the allowed origins; an empty list allows none. */
        public Builder corsOrigins(List<String> origins) {
            this.corsOrigins = List.copyOf(origins);
            return this;
        }

        public Builder workerBindingEnabled(boolean enabled) {
            this.workerBindingEnabled = enabled;
            return this;
        }

        public StreamUpdate build() {
            return new StreamUpdate(httpEnabled, httpAuthentication, corsOrigins, workerBindingEnabled);
        }
    }
}
