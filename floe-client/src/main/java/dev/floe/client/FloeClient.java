package dev.floe.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.floe.client.internal.ApiConnection;
import dev.floe.client.internal.HttpTransport;
import dev.floe.client.internal.JdkHttpTransport;
import dev.floe.client.internal.RetryingTransport;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The entry point to a floe server: {@link #streams()} manages streams, {@link #stream(String)} sends
 * records to one, {@link #sinks()} and {@link #pipelines()} manage where they go and how, and
 * {@link #buckets()} manages buckets and {@link #catalogs()} their data catalogs.
 *
 * <pre>{@code
 * try (FloeClient floe = FloeClient.fromEnvironment()) {
 *     floe.stream("clicks").send(List.of(Map.of("user", "u1", "page", "/")));
 * }
 * }</pre>
 *
 * <p>Thread-safe; share one client. Closing it releases its connections.
 */
public final class FloeClient implements AutoCloseable {
    public static final String DEFAULT_URL = "http://127.0.0.1:8787";
    public static final String DEFAULT_ACCOUNT_ID = "local";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_RETRY_DEADLINE = Duration.ofSeconds(30);

    private final ApiConnection connection;
    private final Duration retryDeadline;
    private final ObjectMapper recordMapper;
    private final Streams streams;
    private final Buckets buckets;
    private final Sinks sinks;
    private final Pipelines pipelines;
    private final Catalogs catalogs;
    private final Sql sql;

    private FloeClient(ApiConnection connection, Duration retryDeadline, ObjectMapper recordMapper) {
        this.connection = connection;
        this.retryDeadline = retryDeadline;
        this.recordMapper = recordMapper;
        this.streams = new Streams(connection);
        this.buckets = new Buckets(connection);
        this.sinks = new Sinks(connection);
        this.pipelines = new Pipelines(connection);
        this.catalogs = new Catalogs(connection);
        this.sql = new Sql(connection);
    }

    /** A builder for {@value #DEFAULT_URL}, account {@value #DEFAULT_ACCOUNT_ID} and no token. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder set from the environment: {@code FLOE_URL}; {@code FLOE_ACCOUNT_ID}, else
     * {@code CLOUDFLARE_ACCOUNT_ID}; {@code FLOE_API_TOKEN}, else {@code CLOUDFLARE_API_TOKEN}. Unset or
     * empty variables leave the defaults of {@link #builder()}.
     */
    public static Builder builderFromEnvironment() {
        return builderFromEnvironment(System.getenv());
    }

    static Builder builderFromEnvironment(Map<String, String> environment) {
        Builder builder = builder();
        String url = firstSet(environment, "FLOE_URL");
        if (url != null) {
            builder.baseUrl(url);
        }
        String accountId = firstSet(environment, "FLOE_ACCOUNT_ID", "CLOUDFLARE_ACCOUNT_ID");
        if (accountId != null) {
            builder.accountId(accountId);
        }
        return builder.apiToken(firstSet(environment, "FLOE_API_TOKEN", "CLOUDFLARE_API_TOKEN"));
    }

    /** A client configured by {@link #builderFromEnvironment()}. */
    public static FloeClient fromEnvironment() {
        return builderFromEnvironment().build();
    }

    private static String firstSet(Map<String, String> environment, String... names) {
        for (String name : names) {
            String value = environment.get(name);
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }

    public Streams streams() {
        return streams;
    }

    public Buckets buckets() {
        return buckets;
    }

    public Sinks sinks() {
        return sinks;
    }

    public Pipelines pipelines() {
        return pipelines;
    }

    public Catalogs catalogs() {
        return catalogs;
    }

    public Sql sql() {
        return sql;
    }

    /** A handle that sends records to a stream as a new producer with a random id. */
    public Stream stream(String idOrName) {
        return stream(idOrName, UUID.randomUUID().toString().replace("-", ""));
    }

    /**
     * A handle that sends records to a stream as the given producer: reuse an id across restarts, with
     * {@link Stream#send(List, long)}, to have re-sent records recognised as duplicates.
     *
     * @param producerId 1 to 255 visible ASCII characters
     */
    public Stream stream(String idOrName, String producerId) {
        return new Stream(idOrName, producerId, retrying(), recordMapper);
    }

    /**
     * A handle that sends batches of many producers to a stream in one request each: for a sender that
     * speaks for many producers, such as an outbox relay.
     */
    public ProducerBatches producerBatches(String idOrName) {
        return new ProducerBatches(idOrName, retrying(), recordMapper);
    }

    private ApiConnection retrying() {
        return connection.withTransport(new RetryingTransport(connection.transport(), retryDeadline));
    }

    public URI baseUrl() {
        return connection.baseUrl();
    }

    public String accountId() {
        return connection.accountId();
    }

    /**
     * The bearer token this client signs in with, or {@code null}: for the server's other endpoints, such
     * as a bucket's Iceberg REST catalog, which take the same token.
     */
    public String apiToken() {
        return connection.apiToken();
    }

    @Override
    public void close() {
        connection.transport().close();
    }

    public static final class Builder {
        private URI baseUrl = URI.create(DEFAULT_URL);
        private String accountId = DEFAULT_ACCOUNT_ID;
        private String apiToken;
        private Duration timeout = DEFAULT_TIMEOUT;
        private Duration retryDeadline = DEFAULT_RETRY_DEADLINE;
        private ObjectMapper recordMapper;
        private HttpTransport transport;

        private Builder() {
        }

        /**
         * Where floe listens, such as {@code http://127.0.0.1:8787}; a path is kept as a prefix.
         *
         * @throws FloeException {@code INVALID_REQUEST} when it is not an http or https URL
         */
        public Builder baseUrl(String url) {
            this.baseUrl = parseBaseUrl(Objects.requireNonNull(url, "url"));
            return this;
        }

        public Builder accountId(String accountId) {
            if (Objects.requireNonNull(accountId, "accountId").isBlank()) {
                throw new IllegalArgumentException("the account id must not be blank");
            }
            this.accountId = accountId;
            return this;
        }

        /** The API token sent as {@code Authorization: Bearer …}; {@code null} or blank sends none. */
        public Builder apiToken(String apiToken) {
            this.apiToken = apiToken == null || apiToken.isBlank() ? null : apiToken;
            return this;
        }

        /** How long to wait to connect, and for each response. */
        public Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("the timeout must be positive, got " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * How long {@link Stream#send(List)} keeps retrying while floe is unreachable or busy: no attempt
         * starts later than this after the first; zero never retries.
         */
        public Builder retryDeadline(Duration retryDeadline) {
            if (retryDeadline.isNegative()) {
                throw new IllegalArgumentException("the retry deadline must not be negative, got " + retryDeadline);
            }
            this.retryDeadline = retryDeadline;
            return this;
        }

        /**
         * The mapper that turns records into JSON in {@link Stream#send(List)}, e.g. one with modules for
         * {@code java.time} types; a plain {@link ObjectMapper} by default.
         */
        public Builder recordMapper(ObjectMapper recordMapper) {
            this.recordMapper = Objects.requireNonNull(recordMapper, "recordMapper");
            return this;
        }

        /** Sends through {@code transport} instead of the JDK's HTTP client. */
        Builder transport(HttpTransport transport) {
            this.transport = transport;
            return this;
        }

        public FloeClient build() {
            HttpTransport httpTransport = transport != null ? transport : new JdkHttpTransport(timeout);
            ApiConnection connection = new ApiConnection(baseUrl, accountId, apiToken, httpTransport, new ObjectMapper());
            return new FloeClient(connection, retryDeadline, recordMapper != null ? recordMapper : new ObjectMapper());
        }

        private static URI parseBaseUrl(String url) {
            String trimmed = url.strip();
            while (trimmed.endsWith("/")) {
                trimmed = trimmed.substring(0, trimmed.length() - 1);
            }
            try {
                URI uri = new URI(trimmed);
                String scheme = uri.getScheme();
                if (("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) && uri.getHost() != null
                        && uri.getQuery() == null && uri.getFragment() == null) {
                    return uri;
                }
            } catch (URISyntaxException e) {
                // reported below with what a valid URL looks like
            }
            throw new FloeException(ErrorCode.INVALID_REQUEST,
                    "invalid floe URL \"" + url + "\": expected http://host:port or https://host:port");
        }
    }
}
