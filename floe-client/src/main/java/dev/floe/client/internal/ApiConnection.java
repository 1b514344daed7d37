package dev.floe.client.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where floe is and who the caller is: builds account-scoped API requests, sends them, and turns
 * the answers into results or {@link FloeException}s.
 */
public final class ApiConnection {
    static final String API_PREFIX = "/client/v4/accounts/";
    /** R2 SQL's API root, which Cloudflare serves beside {@code /client/v4}. */
    public static final String R2_SQL_PREFIX = "/api/v1/accounts/";

    private final URI baseUrl;
    private final String accountId;
    private final String apiToken;
    private final HttpTransport transport;
    private final ObjectMapper mapper;
    private final EnvelopeDecoder decoder;

    /**
     * @param baseUrl   floe's address without a trailing slash, e.g. {@code http://127.0.0.1:8787}
     * @param apiToken  the bearer token, or {@code null} when the server needs none
     */
    public ApiConnection(URI baseUrl, String accountId, String apiToken, HttpTransport transport,
                         ObjectMapper mapper) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.accountId = Objects.requireNonNull(accountId, "accountId");
        this.apiToken = apiToken;
        this.transport = Objects.requireNonNull(transport, "transport");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.decoder = new EnvelopeDecoder(mapper);
    }

    /** The same connection sending through another transport, e.g. one that retries. */
    public ApiConnection withTransport(HttpTransport other) {
        return new ApiConnection(baseUrl, accountId, apiToken, other, mapper);
    }

    public URI baseUrl() {
        return baseUrl;
    }

    public String accountId() {
        return accountId;
    }

    /** The bearer token, or {@code null} when the server needs none. */
    public String apiToken() {
        return apiToken;
    }

    public HttpTransport transport() {
        return transport;
    }

    /**
     * A request to {@code /client/v4/accounts/{account}/<path segments>?<query>}.
     *
     * @param path      path segments below the account, each percent-encoded here
     * @param query     query parameters in order; null values are left out
     * @param jsonBody  the JSON body, or {@code null} for none
     * @param headers   extra headers
     */
    public ApiRequest request(String method, List<String> path, Map<String, String> query, byte[] jsonBody,
                              Map<String, String> headers) {
        return request(API_PREFIX, method, path, query, jsonBody, headers);
    }

    private ApiRequest request(String prefix, String method, List<String> path, Map<String, String> query,
                               byte[] jsonBody, Map<String, String> headers) {
        Map<String, String> allHeaders = new LinkedHashMap<>(headers);
        allHeaders.put("Accept", "application/json");
        if (jsonBody != null) {
            allHeaders.put("Content-Type", "application/json");
        }
        if (apiToken != null) {
            allHeaders.put("Authorization", "Bearer " + apiToken);
        }
        return new ApiRequest(method, uri(prefix, path, query), allHeaders, jsonBody);
    }

    /** Sends a request without extra headers, with {@code body} (or none when null) as JSON. */
    public ApiResult call(String method, List<String> path, Map<String, String> query, JsonNode body) {
        return call(API_PREFIX, method, path, query, body);
    }

    /** Like {@link #call}, below {@code <prefix>{account}/} rather than {@code /client/v4/accounts/{account}/}. */
    public ApiResult call(String prefix, String method, List<String> path, Map<String, String> query, JsonNode body) {
        byte[] bytes;
        try {
            bytes = body == null ? null : mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
        return execute(request(prefix, method, path, query, bytes, Map.of()));
    }

    /** Sends a request and decodes the answer. */
    public ApiResult execute(ApiRequest request) {
        ApiResponse response;
        try {
            response = transport.send(request);
        } catch (IOException e) {
            throw new FloeException(ErrorCode.UNAVAILABLE, "cannot reach floe at " + baseUrl + ": "
                    + Causes.describe(e) + "; is the server running? start it with ./floe server", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FloeException(ErrorCode.UNAVAILABLE, "interrupted while waiting for floe at " + baseUrl, e);
        }
        return decoder.decode(response, "floe at " + baseUrl);
    }

    URI uri(List<String> path, Map<String, String> query) {
        return uri(API_PREFIX, path, query);
    }

    private URI uri(String prefix, List<String> path, Map<String, String> query) {
        StringBuilder uri = new StringBuilder(baseUrl.toString()).append(prefix).append(encodePathSegment(accountId));
        for (String segment : path) {
            uri.append('/').append(encodePathSegment(segment));
        }
        char separator = '?';
        for (Map.Entry<String, String> parameter : query.entrySet()) {
            if (parameter.getValue() != null) {
                uri.append(separator)
                        .append(URLEncoder.encode(parameter.getKey(), StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
                separator = '&';
            }
        }
        return URI.create(uri.toString());
    }

    /**
     * Percent-encodes all but letters, digits, {@code -}, {@code _} and {@code ~}, so that a segment can
     * never add a path level ({@code /}) nor climb one ({@code ..}).
     */
    static String encodePathSegment(String segment) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '~') {
                encoded.append(c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit((c >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return encoded.toString();
    }
}
