package dev.floe.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.floe.testing.HttpCall;
import dev.floe.testing.RunningServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three R2 SQL queries of the seed design, over tables that pipelines filled from streams of
 * Durable Objects' things, events and actions, as the design sends them.
 */
class SeedQueriesTest {
    private static final String TOKEN = "seed-token";
    private static final String STARTUP = "https://startups.studio/Startup";
    private static final String NATHAN = "https://startups.studio/Human/nathan";

    @TempDir
    static Path dataDir;

    private static RunningServer server;

    @BeforeAll
    static void start() throws Exception {
        server = RunningServer.start(dataDir, Map.of("api-token", TOKEN));
        ok(HttpCall.request("POST", server.r2Url("buckets")).json(Map.of("name", "do-lake")).bearer(TOKEN).send());
        ok(HttpCall.request("POST", server.catalogControlUrl("do-lake/enable")).bearer(TOKEN).send());
        fill("do_things", """
                [{"name":"type","type":"string","required":true},{"name":"id","type":"string","required":true},
                 {"name":"data","type":"json"}]""", """
                [{"type":"%1$s","id":"https://startups.studio/acme","data":{"raisedAt":"2024-11-15","amount":5}},
                 {"type":"%1$s","id":"https://startups.studio/beta","data":{"raisedAt":"2024-09-30"}},
                 {"type":"%1$s","id":"https://startups.studio/gamma","data":{}},
                 {"type":"%1$s","id":"https://startups.studio/delta","data":{"raisedAt":"2024-10-01"}},
                 {"type":"https://startups.studio/Human","id":"%2$s","data":{"raisedAt":"2024-12-01"}}]"""
                .formatted(STARTUP, NATHAN));
        fill("do_events", """
                [{"name":"verb","type":"string"},{"name":"source","type":"string"},{"name":"data","type":"json"},
                 {"name":"timestamp","type":"timestamp"}]""", """
                [{"verb":"created","source":"a","data":{},"timestamp":"2024-01-08T12:00:00Z"},
                 {"verb":"created","source":"b","data":{},"timestamp":"2024-01-08T12:00:01Z"},
                 {"verb":"updated","source":"a","data":{},"timestamp":"2024-01-08T12:00:02Z"},
                 {"verb":"created","source":"c","data":{},"timestamp":"2024-01-08T12:00:03Z"},
                 {"verb":"deleted","source":"b","data":{},"timestamp":"2024-01-08T12:00:04Z"},
                 {"verb":"updated","source":"c","data":{},"timestamp":"2024-01-08T12:00:05Z"}]""");
        fill("do_actions", """
                [{"name":"actor","type":"string"},{"name":"verb","type":"string"},{"name":"timestamp","type":"timestamp"}]""", """
                [{"actor":"%1$s","verb":"create","timestamp":"2024-01-08T12:00:00Z"},
                 {"actor":"https://startups.studio/Human/ada","verb":"update","timestamp":"2024-01-08T13:00:00Z"},
                 {"actor":"%1$s","verb":"update","timestamp":"2024-01-09T12:00:00Z"},
                 {"actor":"%1$s","verb":"delete","timestamp":"2024-01-08T18:00:00Z"}]""".formatted(NATHAN));
    }

    /** A stream, a table sink into the default namespace, a pipeline between them, and the events sent. */
    private static void fill(String table, String fields, String events) {
        String streamId = ok(HttpCall.request("POST", server.pipelinesUrl("streams")).bearer(TOKEN)
                .body("{\"name\":\"" + table + "_stream\",\"schema\":{\"fields\":" + fields + "}}").send())
                .path("id").asText();
        ok(HttpCall.request("POST", server.pipelinesUrl("sinks")).bearer(TOKEN).body("{\"name\":\"" + table
                + "_sink\",\"type\":\"r2_data_catalog\",\"config\":{\"bucket\":\"do-lake\",\"namespace\":\"default\","
                + "\"table_name\":\"" + table + "\",\"token\":\"t\",\"rolling_policy\":{\"interval_seconds\":1}}}").send());
        ok(HttpCall.request("POST", server.pipelinesUrl("pipelines")).bearer(TOKEN).json(Map.of("name",
                table + "_pipeline", "sql", "INSERT INTO " + table + "_sink SELECT * FROM " + table + "_stream")).send());
        ok(HttpCall.request("POST", server.baseUrl() + "/ingest/" + streamId).bearer(TOKEN).body(events).send());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode ok(HttpCall.Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json().path("result");
    }

    /** The rows of a query once the table holds {@code rows} rows (the pipelines roll every second). */
    private static JsonNode rowsOnce(String table, int rows, String sql) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            HttpCall.Answer count = query("SELECT count(*) AS n FROM " + table);
            if (count.status() == 200 && count.json().path("result").path("rows").path(0).path("n").asInt() == rows) {
                return ok(query(sql)).path("rows");
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + rows + " rows in " + table + ": " + count);
            }
            Thread.sleep(200);
        }
    }

    private static HttpCall.Answer query(String sql) {
        return HttpCall.request("POST", server.baseUrl() + "/api/v1/accounts/" + RunningServer.ACCOUNT
                + "/r2-sql/query/do-lake").bearer(TOKEN).json(Map.of("query", sql)).send();
    }

    private static List<String> column(JsonNode rows, String name) {
        List<String> values = new ArrayList<>();
        rows.forEach(row -> values.add(row.path(name).asText()));
        return values;
    }

    @Test
    void startupsThatRaisedInTheFourthQuarter() throws Exception {
        JsonNode rows = rowsOnce("do_things", 5, """
                SELECT * FROM do_things
                WHERE type = 'https://startups.studio/Startup'
                  AND JSON_EXTRACT(data, '$.raisedAt') >= '2024-10-01'""");

        assertThat(column(rows, "id")).containsExactlyInAnyOrder("https://startups.studio/acme",
                "https://startups.studio/delta");
    }

    @Test
    void eventsByType() throws Exception {
        JsonNode rows = rowsOnce("do_events", 6, """
                SELECT verb, COUNT(*) as count
                FROM do_events
                GROUP BY verb
                ORDER BY count DESC""");

        assertThat(rows.toString()).isEqualTo("[{\"verb\":\"created\",\"count\":3},{\"verb\":\"updated\",\"count\":2},"
                + "{\"verb\":\"deleted\",\"count\":1}]");
    }

    @Test
    void actionsOfOneActorNewestFirst() throws Exception {
        JsonNode rows = rowsOnce("do_actions", 4, """
                SELECT * FROM do_actions
                WHERE actor = 'https://startups.studio/Human/nathan'
                ORDER BY timestamp DESC""");

        assertThat(column(rows, "verb")).containsExactly("update", "delete", "create");
        JsonNode past = ok(query("SELECT count(*) AS n FROM do_actions WHERE __ingest_ts < '2000-01-01T00:00:00+00:00'"));
        assertThat(past.path("rows").toString()).isEqualTo("[{\"n\":0}]");
        assertThat(past.path("metrics").path("files_scanned").asLong()).as("pruned by the day partition").isZero();
        assertThat(past.path("metrics").path("files_pruned").asLong()).isPositive();
        assertThat(column(rows, "timestamp")).containsExactly("2024-01-09T12:00:00Z", "2024-01-08T18:00:00Z",
                "2024-01-08T12:00:00Z");
    }
}
