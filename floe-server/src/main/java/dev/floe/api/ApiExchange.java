package dev.floe.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import dev.floe.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** One HTTP request and its response: path parameters, query, headers, a bounded body, JSON replies. */
final class ApiExchange {
    private static final long MAX_DISCARDED_BYTES = 64L << 20;
    private static final long MAX_JSON_BODY_BYTES = 1 << 20;
    private final HttpExchange exchange;
    private final Map<String, String> pathParameters;
    private Map<String, String> query;

    ApiExchange(HttpExchange exchange, Map<String, String> pathParameters) {
        this.exchange = exchange;
        this.pathParameters = pathParameters;
    }

    String method() {
        return exchange.getRequestMethod();
    }

    String path(String name) {
        return pathParameters.get(name);
    }

    String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    void setHeader(String name, String value) {
        exchange.getResponseHeaders().set(name, value);
    }

    String query(String name) {
        return parsedQuery().get(name);
    }

    private Map<String, String> parsedQuery() {
        if (query == null) {
            query = parseForm(exchange.getRequestURI().getRawQuery());
        }
        return query;
    }

    /** Every query parameter, decoded; the first value of a repeated one. */
    Map<String, String> queryParameters() {
        return Map.copyOf(parsedQuery());
    }

    int intQuery(String name, int defaultValue, int min, int max) {
        String value = query(name);
        if (value == null || value.isEmpty()) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < min || parsed > max) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new FloeException(ErrorCode.INVALID_REQUEST,
                    "query parameter " + name + " must be a whole number from " + min + " to " + max + ", got '"
                            + value + "'");
        }
    }

    boolean booleanQuery(String name) {
        String value = query(name);
        if (value == null || value.isEmpty() || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw new FloeException(ErrorCode.INVALID_REQUEST,
                "query parameter " + name + " must be true or false, got '" + value + "'");
    }

    /** Decodes {@code a=1&b=2}, a query or an {@code application/x-www-form-urlencoded} body. */
    static Map<String, String> parseForm(String raw) {
        Map<String, String> parameters = new HashMap<>();
        if (raw == null) {
            return parameters;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            parameters.putIfAbsent(URLDecoder.decode(key, StandardCharsets.UTF_8),
                    URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return parameters;
    }

    /**
     * Reads the whole body, refusing with {@code PAYLOAD_TOO_LARGE} as soon as it is known to exceed
     * {@code limit} bytes (from Content-Length, or while reading a chunked or gzip body).
     */
    Body readBody(long limit) throws IOException {
        String declared = header("Content-Length");
        long length = -1;
        if (declared != null) {
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                throw new FloeException(ErrorCode.INVALID_REQUEST, "Content-Length '" + declared + "' is not a number");
            }
            if (length > limit) {
                throw tooLarge(limit, exchange.getRequestBody());
            }
        }
        String encoding = header("Content-Encoding");
        boolean gzip = false;
        if (encoding != null && !encoding.isBlank() && !encoding.equalsIgnoreCase("identity")) {
            if (!encoding.equalsIgnoreCase("gzip")) {
                throw new FloeException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                        "Content-Encoding '" + encoding + "' is not supported; send identity or gzip");
            }
            gzip = true;
        }
        InputStream raw = exchange.getRequestBody();
        if (!gzip && length >= 0) {
            byte[] body = raw.readNBytes((int) length);
            if (body.length != length) {
                throw new FloeException(ErrorCode.INVALID_REQUEST,
                        "the body ended after " + body.length + " of " + length + " bytes");
            }
            return new Body(body, body.length);
        }
        try (InputStream in = gzip ? new GZIPInputStream(raw) : raw) {
            return readBounded(in, limit, raw);
        } catch (java.util.zip.ZipException e) {
            throw new FloeException(ErrorCode.INVALID_REQUEST, "the gzip body is damaged: " + e.getMessage());
        }
    }

    private static Body readBounded(InputStream in, long limit, InputStream raw) throws IOException {
        byte[] buffer = new byte[8192];
        int length = 0;
        while (true) {
            if (length == buffer.length) {
                if (length > limit) {
                    throw tooLarge(limit, raw);
                }
                buffer = Arrays.copyOf(buffer, (int) Math.min((long) buffer.length * 2, limit + 1));
            }
            int read = in.read(buffer, length, buffer.length - length);
            if (read < 0) {
                break;
            }
            length += read;
        }
        if (length > limit) {
            throw tooLarge(limit, raw);
        }
        return new Body(buffer, length);
    }

    /**
     * The refusal of a body over the limit. The rest of the body is read and thrown away first (up
     * to {@link #MAX_DISCARDED_BYTES}): a client still sending would otherwise see its connection
     * reset instead of the 413 that tells it what is wrong.
     */
    private static FloeException tooLarge(long limit, InputStream rest) throws IOException {
        long discarded = 0;
        byte[] sink = new byte[65536];
        int read;
        while (discarded < MAX_DISCARDED_BYTES && (read = rest.read(sink)) > 0) {
            discarded += read;
        }
        return new FloeException(ErrorCode.PAYLOAD_TOO_LARGE,
                "request body is larger than the limit of " + limit + " bytes; split it into smaller requests");
    }

    /** Parses a JSON body of the control plane, which is small: at most {@link #MAX_JSON_BODY_BYTES}. */
    JsonNode readJson() throws IOException {
        Body body = readBody(MAX_JSON_BODY_BYTES);
        if (body.length() == 0) {
            throw new FloeException(ErrorCode.INVALID_REQUEST, "request body is empty; send a JSON object");
        }
        try {
            return Json.MAPPER.readTree(body.bytes(), 0, body.length());
        } catch (JsonProcessingException e) {
            throw new FloeException(ErrorCode.INVALID_REQUEST, "request body is not valid JSON: "
                    + e.getOriginalMessage());
        }
    }

    void send(int status, JsonNode json) throws IOException {
        byte[] bytes = Json.toBytes(json);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Sends a status and a body, leaving the body out for {@code HEAD}, which has none. */
    void sendBytes(int status, String contentType, byte[] bytes) throws IOException {
        if (bytes == null || method().equals("HEAD")) {
            sendEmpty(status);
        } else {
            sendText(status, contentType, bytes);
        }
    }

    void sendEmpty(int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    void sendText(int status, String contentType, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** A request body: the first {@code length} bytes of {@code bytes}. */
    record Body(byte[] bytes, int length) {
    }
}
