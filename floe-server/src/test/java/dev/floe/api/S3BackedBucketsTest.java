package dev.floe.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.floe.testing.HttpCall;
import dev.floe.testing.HttpCall.Answer;
import dev.floe.testing.LocalS3;
import dev.floe.testing.LocalS3Extension;
import dev.floe.testing.RunningServer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Buckets whose objects live in an S3 bucket (s3proxy in this JVM), created through the API. */
class S3BackedBucketsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @RegisterExtension
    static final LocalS3Extension S3 = new LocalS3Extension();

    @TempDir
    Path dataDir;

    private RunningServer server;

    @BeforeAll
    static void createRemoteBucket() {
        S3.s3().createBucket("remote-events");
    }

    @BeforeEach
    void start() {
        server = RunningServer.start(dataDir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ObjectNode s3Settings(String remoteBucket) {
        ObjectNode settings = MAPPER.createObjectNode();
        settings.put("endpoint", S3.s3().endpoint().toString());
        settings.put("region", LocalS3.REGION);
        settings.put("bucket", remoteBucket);
        settings.put("access_key_id", LocalS3.ACCESS_KEY_ID);
        settings.put("secret_access_key", LocalS3.SECRET_ACCESS_KEY);
        settings.put("path_style", true);
        return settings;
    }

    private Answer create(String name, JsonNode s3Settings) {
        ObjectNode body = MAPPER.createObjectNode().put("name", name);
        body.set("floe_s3", s3Settings);
        return HttpCall.request("POST", server.r2Url("buckets")).json(body).send();
    }

    @Test
    void objectsOfAnS3BackedBucketLandInTheRemoteBucketAndTheSecretsStayHidden() throws Exception {
        Answer created = create("events", s3Settings("remote-events"));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        JsonNode shown = created.json().path("result").path("floe_s3");
        assertThat(shown.path("endpoint").asText()).isEqualTo(S3.s3().endpoint().toString());
        assertThat(shown.path("bucket").asText()).isEqualTo("remote-events");
        assertThat(shown.path("path_style").asBoolean()).isTrue();

        for (Answer answer : new Answer[] {created, HttpCall.request("GET", server.r2Url("buckets/events")).send(),
                HttpCall.request("GET", server.r2Url("buckets")).send()}) {
            assertThat(answer.text()).contains("remote-events")
                    .doesNotContain(LocalS3.SECRET_ACCESS_KEY).doesNotContain(LocalS3.ACCESS_KEY_ID);
        }
        assertThat(Files.readString(dataDir.resolve("buckets/events.json"))).contains(LocalS3.SECRET_ACCESS_KEY);
        assertThat(dataDir.resolve("buckets/events")).doesNotExist();

        server.server().buckets().open("events").write("dt=2026-01-01/part-0.json",
                "{\"n\":1}".getBytes(StandardCharsets.UTF_8));
        assertThat(Files.readString(S3.s3().objectFile("remote-events", "dt=2026-01-01/part-0.json"))).isEqualTo("{\"n\":1}");

        server.close();
        server = RunningServer.start(dataDir);
        assertThat(server.server().buckets().open("events").read("dt=2026-01-01/part-0.json"))
                .isEqualTo("{\"n\":1}".getBytes(StandardCharsets.UTF_8));

        Answer refused = HttpCall.request("DELETE", server.r2Url("buckets/events")).send();
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.errorMessage()).contains("not empty", "s3://remote-events");

        server.server().buckets().open("events").delete("dt=2026-01-01/part-0.json");
        assertThat(HttpCall.request("DELETE", server.r2Url("buckets/events")).send().status()).isEqualTo(200);
        assertThat(dataDir.resolve("buckets/events.json")).doesNotExist();
        assertThat(S3.s3().bucketExists("remote-events")).isTrue();
    }

    @Test
    void aWrongSecretIsForbiddenAndCreatesNothing() {
        Answer answer = create("wrong-secret", s3Settings("remote-events").put("secret_access_key", "nope"));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(403);
        assertThat(answer.errorMessage()).contains("cannot create bucket 'wrong-secret'", "access key");
        assertThat(HttpCall.request("GET", server.r2Url("buckets/wrong-secret")).send().status()).isEqualTo(404);
    }

    @Test
    void aDuplicateNameConflictsBeforeS3IsAsked() {
        assertThat(create("twice", s3Settings("remote-events")).status()).isEqualTo(200);

        Answer again = create("twice", s3Settings("remote-events").put("secret_access_key", "nope"));

        assertThat(again.status()).as(again.toString()).isEqualTo(409);
        assertThat(again.errorMessage()).contains("'twice' already exists");
    }

    @Test
    void aRemoteBucketThatDoesNotExistIsABadRequest() {
        Answer answer = create("dangling", s3Settings("no-such-remote"));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.errorMessage()).contains("S3 bucket 'no-such-remote' does not exist at " + S3.s3().endpoint());
    }

    @Test
    void anUnreachableEndpointIsUnavailableAndNamed() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String endpoint = "http://127.0.0.1:" + closedPort;

        Answer answer = create("unreachable", s3Settings("remote-events").put("endpoint", endpoint));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(503);
        assertThat(answer.errorMessage()).contains("cannot reach the S3 endpoint " + endpoint);
    }

    @Test
    void malformedS3SettingsAreRefusedNamingTheField() {
        ObjectNode missingBucket = s3Settings("remote-events");
        missingBucket.remove("bucket");
        assertThat(create("bad", missingBucket).errorMessage()).contains("'floe_s3.bucket' is required");
        assertThat(create("bad", s3Settings("remote-events").put("endpoint", "ftp://files")).errorMessage())
                .contains("'floe_s3.endpoint' must be an http or https URL");
        assertThat(create("bad", s3Settings("remote-events").put("path_style", "yes")).errorMessage())
                .contains("'floe_s3.path_style' must be true or false");
        assertThat(create("bad", s3Settings("remote-events").put("secret_key", "typo")).errorMessage())
                .contains("unknown fields [secret_key]");
        assertThat(create("bad", MAPPER.getNodeFactory().textNode("s3://x")).errorMessage())
                .contains("'floe_s3' must be a JSON object");
    }
}
