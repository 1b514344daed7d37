package dev.floe.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.floe.testing.HttpCall;
import dev.floe.testing.IcebergClient;
import dev.floe.testing.LocalS3Extension;
import dev.floe.testing.RunningServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.rest.RESTCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Queries over a table in an S3-backed bucket: only the files kept are fetched, into a cache whose
 * bound (here one byte, below any file) deletes each copy once no query reads it.
 */
class S3QueryTest {
    private static final String TOKEN = "s3-query-token";

    @RegisterExtension
    static final LocalS3Extension S3 = new LocalS3Extension();

    @TempDir
    Path dataDir;

    @Test
    void onlyTheKeptFilesAreFetchedAndTheCacheStaysWithinItsBound() throws Exception {
        S3.s3().createBucket("remote-lake");
        try (RunningServer server = RunningServer.start(dataDir, Map.of("api-token", TOKEN, "query-cache-bytes", "1"))) {
            HttpCall.Answer created = HttpCall.request("POST", server.r2Url("buckets")).bearer(TOKEN).json(Map.of(
                    "name", "s3-lake", "floe_s3", Map.of("endpoint", S3.s3().endpoint().toString(),
                            "bucket", "remote-lake", "access_key_id", "floe-test-key",
                            "secret_access_key", "floe-test-secret-0123456789", "path_style", true))).send();
            assertThat(created.status()).as(created.toString()).isEqualTo(200);
            assertThat(HttpCall.request("POST", server.catalogControlUrl("s3-lake/enable")).bearer(TOKEN).send()
                    .status()).isEqualTo(200);
            try (RESTCatalog catalog = IcebergClient.connect(server, "s3-lake", TOKEN, IcebergClient.s3Files())) {
                catalog.createNamespace(Namespace.of(QueryService.DEFAULT_NAMESPACE), new HashMap<>());
                Table table = catalog.createTable(TableIdentifier.of(QueryService.DEFAULT_NAMESPACE, "events"),
                        new Schema(Types.NestedField.required(1, "id", Types.LongType.get()),
                                Types.NestedField.optional(2, "name", Types.StringType.get())),
                        PartitionSpec.unpartitioned());
                IcebergClient.append(table, Map.of(1L, "one", 2L, "two"));
                IcebergClient.append(table, Map.of(10L, "ten", 11L, "eleven"));
            }

            for (int round = 0; round < 2; round++) {
                JsonNode result = query(server, "SELECT name FROM events WHERE id = 10");
                assertThat(result.path("rows").toString()).isEqualTo("[{\"name\":\"ten\"}]");
                assertThat(result.path("metrics").path("files_scanned").asLong()).isEqualTo(1);
            }
            assertThat(query(server, "SELECT count(*) AS n FROM events").path("rows").toString())
                    .isEqualTo("[{\"n\":4}]");
            try (Stream<Path> cached = Files.list(dataDir.resolve("query/cache"))) {
                assertThat(cached).isEmpty();
            }
        }
    }

    private static JsonNode query(RunningServer server, String sql) {
        HttpCall.Answer answer = HttpCall.request("POST", server.baseUrl() + "/api/v1/accounts/"
                + RunningServer.ACCOUNT + "/r2-sql/query/s3-lake").bearer(TOKEN).json(Map.of("query", sql)).send();
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json().path("result");
    }
}
