package dev.floe.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.floe.bucket.BucketService;
import dev.floe.catalog.CatalogAnswer;
import dev.floe.catalog.CatalogService;
import dev.floe.catalog.IcebergRestService;
import dev.floe.catalog.RestErrors;
import dev.floe.catalog.maintenance.MaintenanceConfigs;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import dev.floe.error.InvalidRecordsException;
import dev.floe.error.RecordError;
import dev.floe.json.Json;
import dev.floe.pipeline.PipelineService;
import dev.floe.pipeline.SqlValidation;
import dev.floe.query.QueryService;
import dev.floe.sink.SinkService;
import dev.floe.stream.StreamService;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * floe's HTTP server: the Cloudflare-shaped control plane (streams, sinks, pipelines, buckets, their
 * data catalogs, and the GraphQL query wrangler makes about buckets), stream ingest, the buckets'
 * Iceberg REST catalogs, health and metrics, on the JDK's HTTP server with one virtual thread per
 * request (handlers block while records are fsynced).
 */
public final class HttpApi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    /** Every path under it needs the API token. */
    private static final String CONTROL_PLANE_PREFIX = ApiPaths.CLIENT_V4 + "/";

    private final HttpServer server;
    private final ExecutorService executor;
    private final Router router = new Router();
    private final BearerToken token;
    private final String accountId;

    /**
     * Binds the address (port 0 picks a free port).
     *
     * @param publicBaseUrl the base of the stream endpoints handed to clients, such as
     *                      {@code http://127.0.0.1:8787}, given the port actually bound
     */
    public HttpApi(InetSocketAddress address, IntFunction<String> publicBaseUrl, String accountId, String apiToken,
                   long maxRequestBytes, StreamService streams, BucketService buckets, SinkService sinks,
                   SqlValidation sqlValidation, PipelineService pipelines, CatalogService catalogs,
                   QueryService queries, MaintenanceConfigs maintenanceConfigs, PrometheusMeterRegistry metrics)
                   throws IOException {
        this.server = HttpServer.create(address, 1024);
        this.token = new BearerToken(apiToken);
        this.accountId = accountId;
        new StreamsApi(streams, new IngestEndpoints(publicBaseUrl.apply(port())), pipelines).register(router);
        new IngestApi(streams, token, maxRequestBytes).register(router);
        new SinksApi(sinks, pipelines).register(router);
        new ValidateSqlApi(sqlValidation).register(router);
        new PipelinesApi(pipelines).register(router);
        new BucketsApi(buckets, sinks, catalogs).register(router);
        new CatalogApi(catalogs, new IcebergRestService(catalogs, Clock.systemUTC()), token,
                publicBaseUrl.apply(port()), accountId).register(router);
        new MaintenanceApi(maintenanceConfigs, token).register(router);
        new GraphqlApi(buckets, accountId, Clock.systemUTC()).register(router);
        new QueryApi(queries).register(router);
        router.add("GET", "/healthz", exchange -> exchange.send(200, Json.object().put("status", "ok")));
        router.add("GET", "/metrics", exchange -> exchange.sendText(200, "text/plain; version=0.0.4; charset=utf-8",
                metrics.scrape().getBytes(StandardCharsets.UTF_8)));
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", this::dispatch);
    }

    public void start() {
        server.start();
    }

    /** The port actually bound (useful when the configured port was 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    private void dispatch(HttpExchange raw) {
        try (raw) {
            String path = raw.getRequestURI().getRawPath();
            ApiExchange exchange = new ApiExchange(raw, Map.of());
            // Iceberg clients read failures in the Iceberg protocol's shape, not Cloudflare's envelope.
            boolean catalog = path.startsWith(CatalogApi.REST_PREFIX);
            try {
                boolean guarded = path.startsWith(CONTROL_PLANE_PREFIX) || path.startsWith(QueryApi.PREFIX)
                        || (catalog && !CatalogApi.isTokenEndpoint(path));
                // Before routing, so that a caller without the token learns nothing of which paths exist.
                if (guarded) {
                    token.check(exchange);
                }
                Router.Match match = router.match(raw.getRequestMethod(), path);
                exchange = new ApiExchange(raw, match.parameters());
                if (guarded || catalog) {
                    checkAccount(match.parameters().get("account_id"));
                }
                match.handler().handle(exchange);
            } catch (FloeException e) {
                if (catalog) {
                    answerCatalogError(raw, exchange, RestErrors.answer(e));
                } else {
                    answerError(raw, exchange, e);
                }
            } catch (IOException e) {
                LOG.debug("Connection failed during {} {}: {}", raw.getRequestMethod(), path, e.toString());
            } catch (RuntimeException e) {
                String reference = UUID.randomUUID().toString();
                LOG.error("Request {} {} failed (reference {})", raw.getRequestMethod(), path, reference, e);
                FloeException internal = new FloeException(ErrorCode.INTERNAL,
                        "internal error (reference " + reference + "); the server log has the details");
                if (catalog) {
                    answerCatalogError(raw, new ApiExchange(raw, Map.of()), RestErrors.answer(internal));
                } else {
                    answerError(raw, new ApiExchange(raw, Map.of()), internal);
                }
            }
        }
    }

    private void checkAccount(String requested) {
        if (requested != null && !requested.equals(accountId)) {
            throw new FloeException(ErrorCode.NOT_FOUND, "account '" + requested
                    + "' is not served here; use this server's account id (set with --account-id)");
        }
    }

    private static void answerError(HttpExchange raw, ApiExchange exchange, FloeException error) {
        try {
            if (error.code().retryable()) {
                raw.getResponseHeaders().set("Retry-After",
                        error.code() == ErrorCode.TOO_MANY_REQUESTS ? "1" : "5");
            }
            if (error instanceof Router.MethodNotAllowed notAllowed) {
                raw.getResponseHeaders().set("Allow", notAllowed.allow());
            }
            if (error.code() == ErrorCode.UNAUTHENTICATED) {
                raw.getResponseHeaders().set("WWW-Authenticate", "Bearer");
            }
            exchange.send(error.code().httpStatus(), Envelope.failure(error, errorResult(error)));
        } catch (IOException | IllegalStateException e) {
            LOG.debug("Could not send the error response: {}", e.toString());
        }
    }

    private static void answerCatalogError(HttpExchange raw, ApiExchange exchange, CatalogAnswer answer) {
        try {
            if (answer.status() == 401) {
                raw.getResponseHeaders().set("WWW-Authenticate", "Bearer");
            }
            exchange.sendBytes(answer.status(), "application/json", answer.json());
        } catch (IOException | IllegalStateException e) {
            LOG.debug("Could not send the error response: {}", e.toString());
        }
    }

    private static JsonNode errorResult(FloeException error) {
        if (!(error instanceof InvalidRecordsException invalid)) {
            return NullNode.getInstance();
        }
        ObjectNode result = Json.object();
        ArrayNode records = result.putArray("record_errors");
        for (RecordError recordError : invalid.errors()) {
            ObjectNode entry = records.addObject();
            entry.put("index", recordError.index());
            entry.put("field", recordError.field());
            entry.put("kind", recordError.kind());
            entry.put("message", recordError.message());
        }
        result.put("total_record_errors", invalid.totalErrors());
        return result;
    }

    /** Stops accepting connections and waits up to a few seconds for requests in flight to finish. */
    @Override
    public void close() {
        server.stop(3);
        executor.shutdown();
    }
}
