package dev.floe.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A plain HTTP request to a server under test, and its answer. */
public final class HttpCall {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String method;
    private final String url;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private byte[] body;

    private HttpCall(String method, String url) {
        this.method = method;
        this.url = url;
    }

    public static HttpCall request(String method, String url) {
        return new HttpCall(method, url);
    }

    public HttpCall header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public HttpCall bearer(String token) {
        return header("Authorization", "Bearer " + token);
    }

    public HttpCall body(String text) {
        return body(text.getBytes(StandardCharsets.UTF_8));
    }

    public HttpCall body(byte[] bytes) {
        this.body = bytes;
        return this;
    }

    public HttpCall json(Object value) {
        try {
            header("Content-Type", "application/json");
            return body(MAPPER.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public Answer send() {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        headers.forEach(builder::header);
        builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            HttpResponse<byte[]> response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(method + " " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A response: status, headers and body, with the body readable as JSON. */
    public record Answer(int status, Map<String, java.util.List<String>> headers, byte[] body) {
        public JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("response is not JSON: " + text(), e);
            }
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            for (var entry : headers.entrySet()) {
                if (entry.getKey().equalsIgnoreCase(name)) {
                    return entry.getValue().getFirst();
                }
            }
            return null;
        }

        /** The first error message of a Cloudflare envelope. */
        public String errorMessage() {
            return json().path("errors").path(0).path("message").asText();
        }

        public int errorCode() {
            return json().path("errors").path(0).path("code").asInt();
        }

        @Override
        public String toString() {
            return status + " " + text();
        }
    }
}
