package dev.floe.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.floe.testing.HttpCall;
import dev.floe.testing.HttpCall.Answer;
import dev.floe.testing.RunningServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** R2's bucket control plane, with buckets in the data directory. */
class BucketsApiTest {
    private static final String TOKEN = "bucket-token";

    @TempDir
    Path dataDir;

    private RunningServer server;

    @BeforeEach
    void start() {
        server = RunningServer.start(dataDir, Map.of("api-token", TOKEN));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpCall call(String method, String path) {
        return HttpCall.request(method, server.r2Url(path)).bearer(TOKEN);
    }

    private Answer create(String body) {
        return call("POST", "buckets").header("Content-Type", "application/json").body(body).send();
    }

    private List<String> names(JsonNode listEnvelope) {
        List<String> names = new ArrayList<>();
        listEnvelope.path("result").path("buckets").forEach(bucket -> names.add(bucket.path("name").asText()));
        return names;
    }

    @Test
    void createAnswersTheBucketInR2sShapeAndMakesItsFolder() throws Exception {
        Answer answer = create("{\"name\":\"events\",\"locationHint\":\"wnam\",\"storageClass\":\"InfrequentAccess\"}");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode bucket = answer.json().path("result");
        assertThat(bucket.path("name").asText()).isEqualTo("events");
        assertThat(Instant.parse(bucket.path("creation_date").asText())).isBefore(Instant.now().plusSeconds(1));
        assertThat(bucket.path("location").asText()).isEqualTo("WNAM");
        assertThat(bucket.path("storage_class").asText()).isEqualTo("InfrequentAccess");
        assertThat(bucket.path("jurisdiction").asText()).isEqualTo("default");
        assertThat(bucket.has("floe_s3")).isFalse();
        assertThat(dataDir.resolve("buckets/events")).isDirectory();
        Path definition = dataDir.resolve("buckets/events.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(definition))).isEqualTo("rw-------");
    }

    @Test
    void aBucketWithoutOptionsIsStandardWithoutLocation() {
        JsonNode bucket = create("{\"name\":\"plain\"}").json().path("result");

        assertThat(bucket.path("storage_class").asText()).isEqualTo("Standard");
        assertThat(bucket.has("location")).isFalse();
    }

    @Test
    void getFindsABucketAndDeleteRemovesIt() {
        create("{\"name\":\"short-lived\"}");

        Answer got = call("GET", "buckets/short-lived").send();
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.json().path("result").path("name").asText()).isEqualTo("short-lived");

        Answer deleted = call("DELETE", "buckets/short-lived").send();
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
        assertThat(deleted.json().path("success").asBoolean()).isTrue();
        assertThat(dataDir.resolve("buckets/short-lived")).doesNotExist();
        assertThat(dataDir.resolve("buckets/short-lived.json")).doesNotExist();

        Answer missing = call("GET", "buckets/short-lived").send();
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.errorCode()).isEqualTo(1004);
        assertThat(missing.errorMessage()).contains("bucket 'short-lived' does not exist");
        assertThat(call("DELETE", "buckets/short-lived").send().status()).isEqualTo(404);
    }

    @Test
    void listAnswersEveryBucketByNameAndPagesWithACursor() {
        for (String name : List.of("delta", "alpha", "charlie", "bravo", "echo-logs")) {
            assertThat(create("{\"name\":\"" + name + "\"}").status()).isEqualTo(200);
        }

        JsonNode all = call("GET", "buckets").send().json();
        assertThat(names(all)).containsExactly("alpha", "bravo", "charlie", "delta", "echo-logs");
        assertThat(all.path("result_info").has("cursor")).isFalse();

        JsonNode first = call("GET", "buckets?per_page=2").send().json();
        assertThat(names(first)).containsExactly("alpha", "bravo");
        String cursor = first.path("result_info").path("cursor").asText();
        JsonNode second = call("GET", "buckets?per_page=2&cursor=" + cursor).send().json();
        assertThat(names(second)).containsExactly("charlie", "delta");
        JsonNode third = call("GET", "buckets?per_page=2&cursor="
                + second.path("result_info").path("cursor").asText()).send().json();
        assertThat(names(third)).containsExactly("echo-logs");
        assertThat(third.path("result_info").has("cursor")).isFalse();

        assertThat(names(call("GET", "buckets?name_contains=ha").send().json())).containsExactly("alpha", "charlie");
        assertThat(names(call("GET", "buckets?start_after=charlie").send().json())).containsExactly("delta", "echo-logs");
        assertThat(names(call("GET", "buckets?direction=desc&per_page=2").send().json()))
                .containsExactly("echo-logs", "delta");
        assertThat(call("GET", "buckets?direction=sideways").send().status()).isEqualTo(400);
        assertThat(call("GET", "buckets?per_page=0").send().status()).isEqualTo(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "Upper-case", "under_score", "-leading", "trailing-", "dot.ted", "sp ace",
            "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij1234"})
    void namesOutsideR2sRulesAreRefusedWithTheRule(String name) {
        Answer answer = create("{\"name\":\"" + name + "\"}");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.errorCode()).isEqualTo(1001);
        assertThat(answer.errorMessage()).contains("bucket name '" + name + "' is invalid", "3 to 63 lowercase");
        assertThat(names(call("GET", "buckets").send().json())).isEmpty();
    }

    @Test
    void malformedRequestsAreRefusedNamingTheField() {
        assertThat(create("[]").errorMessage()).contains("JSON object");
        assertThat(create("{}").errorMessage()).contains("'name' is required");
        assertThat(create("{\"name\":7}").errorMessage()).contains("'name' must be a string");
        assertThat(create("{\"name\":\"ok-name\",\"storageClass\":\"Glacier\"}").errorMessage())
                .contains("storage class 'Glacier' is unknown");
        assertThat(create("{\"name\":\"ok-name\",\"locationHint\":\"mars\"}").errorMessage())
                .contains("location hint 'mars' is unknown", "wnam");
        assertThat(create("{\"name\":").errorMessage()).contains("not valid JSON");
        assertThat(names(call("GET", "buckets").send().json())).isEmpty();
    }

    @Test
    void aSecondBucketOfTheSameNameConflicts() {
        create("{\"name\":\"twice\"}");

        Answer again = create("{\"name\":\"twice\"}");

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.errorCode()).isEqualTo(1009);
        assertThat(again.errorMessage()).contains("'twice' already exists");
    }

    @Test
    void aBucketHoldingObjectsIsNotDeleted() {
        create("{\"name\":\"full\"}");
        server.server().buckets().open("full").write("year=2026/part-0.json", "{}".getBytes(StandardCharsets.UTF_8));

        Answer refused = call("DELETE", "buckets/full").send();

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.errorMessage()).contains("bucket 'full' is not empty");
        assertThat(dataDir.resolve("buckets/full/year=2026/part-0.json")).exists();

        server.server().buckets().open("full").delete("year=2026/part-0.json");
        assertThat(call("DELETE", "buckets/full").send().status()).isEqualTo(200);
    }

    @Test
    void onlyTheDefaultJurisdictionIsServed() {
        assertThat(call("POST", "buckets").header("cf-r2-jurisdiction", "default").body("{\"name\":\"here\"}")
                .send().status()).isEqualTo(200);

        Answer eu = call("GET", "buckets").header("cf-r2-jurisdiction", "eu").send();

        assertThat(eu.status()).isEqualTo(400);
        assertThat(eu.errorMessage()).contains("jurisdiction 'eu' is not served here");
    }

    @Test
    void bucketsNeedTheApiToken() {
        Answer anonymous = HttpCall.request("GET", server.r2Url("buckets")).send();
        assertThat(anonymous.status()).isEqualTo(401);
        Answer graphql = HttpCall.request("POST", server.baseUrl() + "/client/v4/graphql").body("{}").send();
        assertThat(graphql.status()).isEqualTo(401);
    }

    @Test
    void bucketsAndTheirObjectsSurviveARestart() {
        String created = create("{\"name\":\"durable\",\"locationHint\":\"weur\"}").json().path("result")
                .path("creation_date").asText();
        server.server().buckets().open("durable").write("kept.json", "{\"k\":1}".getBytes(StandardCharsets.UTF_8));

        server.close();
        server = RunningServer.start(dataDir, Map.of("api-token", TOKEN));

        JsonNode bucket = call("GET", "buckets/durable").send().json().path("result");
        assertThat(bucket.path("creation_date").asText()).isEqualTo(created);
        assertThat(bucket.path("location").asText()).isEqualTo("WEUR");
        assertThat(new String(server.server().buckets().open("durable").read("kept.json"), StandardCharsets.UTF_8))
                .isEqualTo("{\"k\":1}");
    }

    @Test
    void theGraphqlStorageMetricsQueryCountsTheObjects() {
        create("{\"name\":\"measured\"}");
        server.server().buckets().open("measured").write("a", new byte[100]);
        server.server().buckets().open("measured").write("b/c", new byte[23]);

        JsonNode group = graphql(RunningServer.ACCOUNT, "measured").path("data").path("viewer").path("accounts")
                .path(0).path("r2StorageAdaptiveGroups").path(0);

        assertThat(group.path("max").path("objectCount").asLong()).isEqualTo(2);
        assertThat(group.path("max").path("payloadSize").asLong()).isEqualTo(123);
        assertThat(graphql(RunningServer.ACCOUNT, "missing").path("data").path("viewer").path("accounts").path(0)
                .path("r2StorageAdaptiveGroups").size()).isZero();
        assertThat(graphql("another-account", "measured").path("errors").path(0).path("message").asText())
                .contains("not served here");
        Answer other = HttpCall.request("POST", server.baseUrl() + "/client/v4/graphql").bearer(TOKEN)
                .body("{\"query\":\"{ viewer { zones { httpRequests1dGroups { sum { requests } } } } }\"}").send();
        assertThat(other.json().path("errors").path(0).path("message").asText()).contains("only the R2 storage");
    }

    /** The query {@code wrangler r2 bucket info} sends, with its variables. */
    private JsonNode graphql(String account, String bucket) {
        String body = "{\"query\":\"query getR2StorageMetrics($accountTag: String, $filter: "
                + "R2StorageAdaptiveGroupsFilter_InputObject) { viewer { accounts(filter: { accountTag: $accountTag }) "
                + "{ r2StorageAdaptiveGroups(limit: 1 filter: $filter orderBy: [datetime_DESC]) { max { objectCount "
                + "payloadSize metadataSize } dimensions { datetime } } } } }\",\"operationName\":\"getR2StorageMetrics\","
                + "\"variables\":{\"accountTag\":\"" + account + "\",\"filter\":{\"datetime_geq\":\"2026-01-01T00:00:00Z\","
                + "\"datetime_leq\":\"2026-01-02T00:00:00Z\",\"bucketName\":\"" + bucket + "\"}}}";
        Answer answer = HttpCall.request("POST", server.baseUrl() + "/client/v4/graphql").bearer(TOKEN)
                .header("Content-Type", "application/json").body(body).send();
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json();
    }
}
