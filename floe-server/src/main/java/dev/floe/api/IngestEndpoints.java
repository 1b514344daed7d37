package dev.floe.api;

import dev.floe.stream.StreamDefinition;

/** The URL a stream's events are posted to, as clients outside the server see it. */
final class IngestEndpoints {
    private final String publicBaseUrl;

    IngestEndpoints(String publicBaseUrl) {
        this.publicBaseUrl = publicBaseUrl.endsWith("/")
                ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
    }

    String of(StreamDefinition definition) {
        return publicBaseUrl + "/ingest/" + definition.id();
    }
}
