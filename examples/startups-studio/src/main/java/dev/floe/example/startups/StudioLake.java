package dev.floe.example.startups;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.floe.client.BucketSpec;
import dev.floe.client.CatalogInfo;
import dev.floe.client.FloeClient;
import dev.floe.client.SinkSpec;
import dev.floe.client.StreamSpec;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Makes the example's part of a floe server: a bucket with its catalog, and per {@link LakeFlow} a
 * stream, an Iceberg sink and a pipeline. What an earlier run left of them (the table included) is
 * removed first, so that the tables hold exactly what this run's objects commit.
 */
final class StudioLake {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FloeClient client;
    private final String bucket;
    private final Duration rollInterval;
    private final Consumer<String> progress;

    /** @param progress told what is being done, one line at a time */
    StudioLake(FloeClient client, String bucket, Duration rollInterval, Consumer<String> progress) {
        this.client = client;
        this.bucket = bucket;
        this.rollInterval = rollInterval;
        this.progress = progress;
    }

    void create() {
        ifAbsent(() -> client.buckets().get(bucket), () -> client.buckets().create(BucketSpec.builder(bucket).build()));
        CatalogInfo catalog = client.catalogs().enable(bucket);
        for (LakeFlow flow : LakeFlow.ALL) {
            removeLeftovers(flow, catalog);
            client.streams().create(StreamSpec.builder(flow.stream()).schema(schema(flow)).httpAuthentication(false)
                    .build());
            client.sinks().create(SinkSpec.builder(flow.sink(), "r2_data_catalog", bucket)
                    .table(LakeFlow.NAMESPACE, flow.table(), "")
                    .rollIntervalSeconds(rollInterval.toSeconds())
                    .build());
            client.pipelines().create(flow.pipeline(), resource(flow.sqlResource()));
            progress.accept("created stream " + flow.stream() + ", sink " + flow.sink() + " (table "
                    + LakeFlow.NAMESPACE + "." + flow.table() + ") and pipeline " + flow.pipeline());
        }
    }

    private void removeLeftovers(LakeFlow flow, CatalogInfo catalog) {
        boolean removed = deleteIfPresent(() -> client.pipelines().delete(flow.pipeline()));
        removed |= deleteIfPresent(() -> client.sinks().delete(flow.sink()));
        removed |= deleteIfPresent(() -> client.streams().delete(flow.stream(), true));
        removed |= dropTable(catalog, flow.table());
        if (removed) {
            progress.accept("removed what an earlier run left of " + flow.pipeline());
        }
    }

    /** Drops the table and its files through the catalog's Iceberg REST endpoint; answers whether it existed. */
    private boolean dropTable(CatalogInfo catalog, String table) {
        URI uri = URI.create(catalog.catalogUri() + "/v1/namespaces/" + LakeFlow.NAMESPACE + "/tables/" + table
                + "?purgeRequested=true");
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).DELETE().timeout(Duration.ofSeconds(30));
        if (client.apiToken() != null) {
            request.header("Authorization", "Bearer " + client.apiToken());
        }
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 404) {
                return false;
            }
            if (response.statusCode() / 100 != 2) {
                throw new FloeException(ErrorCode.INTERNAL, "cannot drop table " + LakeFlow.NAMESPACE + "." + table
                        + " left by an earlier run (HTTP " + response.statusCode() + "): " + response.body());
            }
            return true;
        } catch (IOException e) {
            throw new FloeException(ErrorCode.UNAVAILABLE, "cannot reach the catalog at " + uri + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FloeException(ErrorCode.UNAVAILABLE, "interrupted while dropping table " + table, e);
        }
    }

    private static JsonNode schema(LakeFlow flow) {
        try {
            return JSON.readTree(resource(flow.schemaResource()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String resource(String name) {
        try (InputStream in = StudioLake.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the example's file " + name + " is missing from its classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void ifAbsent(Runnable lookup, Runnable create) {
        try {
            lookup.run();
        } catch (FloeException e) {
            if (e.code() != ErrorCode.NOT_FOUND) {
                throw e;
            }
            create.run();
        }
    }

    private static boolean deleteIfPresent(Runnable delete) {
        try {
            delete.run();
            return true;
        } catch (FloeException e) {
            if (e.code() != ErrorCode.NOT_FOUND) {
                throw e;
            }
            return false;
        }
    }
}
