package dev.floe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.floe.query.QueryService;
import dev.floe.testing.IcebergClient;
import dev.floe.testing.RunningServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.rest.RESTCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code floe sql …} against a real server over a table of three rows, as a user runs it. */
class SqlCommandEndToEndTest {
    private static final String TOKEN = "cli-token";

    @TempDir
    static Path dir;

    private static RunningServer server;

    @BeforeAll
    static void start() {
        server = RunningServer.start(dir.resolve("data"), Map.of("api-token", TOKEN));
        assertThat(floe("r2", "bucket", "create", "lake").exitCode()).isZero();
        assertThat(floe("r2", "bucket", "catalog", "enable", "lake").exitCode()).isZero();
        try (RESTCatalog catalog = IcebergClient.connect(server, "lake", TOKEN, IcebergClient.localFiles())) {
            catalog.createNamespace(Namespace.of(QueryService.DEFAULT_NAMESPACE), new HashMap<>());
            Table table = catalog.createTable(TableIdentifier.of(QueryService.DEFAULT_NAMESPACE, "people"),
                    new Schema(Types.NestedField.required(1, "id", Types.LongType.get()),
                            Types.NestedField.optional(2, "name", Types.StringType.get())),
                    PartitionSpec.unpartitioned());
            Map<Long, String> rows = new LinkedHashMap<>();
            rows.put(1L, "ada");
            rows.put(2L, "grace, \"amazing\"");
            rows.put(3L, null);
            IcebergClient.append(table, rows);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static CliRun floe(String... arguments) {
        return CliRun.against(server, TOKEN, arguments);
    }

    @Test
    void printsAnAlignedTableAndARowCountLine() {
        CliRun run = floe("sql", "lake", "SELECT id, name FROM people ORDER BY id");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines().limit(5).map(String::stripTrailing)).containsExactly(
                "id  name",
                "--  ----------------",
                "1   ada",
                "2   grace, \"amazing\"",
                "3   NULL");
        assertThat(run.out()).containsPattern("3 rows in \\d+ ms \\(1 files, \\d+ bytes scanned\\); no LIMIT given, so at most 500");
    }

    @Test
    void printsCsvAndJsonAndReadsTheQueryFromAFile() throws Exception {
        Path file = dir.resolve("query.sql");
        Files.writeString(file, "SELECT id, name FROM people WHERE id < 3 ORDER BY id LIMIT 5");

        CliRun csv = floe("sql", "lake", "--file", file.toString(), "--csv");
        assertThat(csv.exitCode()).as(csv.err()).isZero();
        assertThat(csv.out()).isEqualTo("id,name\n1,ada\n2,\"grace, \"\"amazing\"\"\"\n");

        CliRun json = floe("sql", "lake", "--json", "SELECT count(*) AS n FROM people");
        assertThat(json.exitCode()).as(json.err()).isZero();
        assertThat(new ObjectMapper().readTree(json.out()).path("rows").toString()).isEqualTo("[{\"n\":3}]");
    }

    @Test
    void readsTheQueryFromStandardInputWithoutOne() {
        java.io.InputStream stdin = System.in;
        System.setIn(new java.io.ByteArrayInputStream("SELECT name FROM people WHERE id = 1".getBytes()));
        try {
            CliRun run = floe("sql", "lake", "--csv");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).isEqualTo("name\nada\n");
        } finally {
            System.setIn(stdin);
        }
    }

    @Test
    void aFailingQuerySaysWhyWithItsExitCode() {
        CliRun syntax = floe("sql", "lake", "SELEC 1");
        assertThat(syntax.exitCode()).isEqualTo(2);
        assertThat(syntax.err()).startsWith("error: syntax error at or near \"SELEC\"");

        CliRun missing = floe("sql", "lake", "SELECT * FROM nobody");
        assertThat(missing.exitCode()).isEqualTo(4);
        assertThat(missing.err()).contains("table default.nobody does not exist");
    }
}
