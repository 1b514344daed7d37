package dev.floe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.floe.testing.HttpCall;
import dev.floe.testing.LocalS3;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** {@code floe r2 bucket …} against a real server, as a user runs them. */
class BucketCommandsEndToEndTest extends CliEndToEndTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void createListInfoAndDeleteALocalBucket() throws Exception {
        CliRun created = floe("r2", "bucket", "create", "orders", "--location", "enam", "-s", "InfrequentAccess");
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.out()).contains("Created bucket 'orders' with location hint ENAM and default storage class "
                + "of InfrequentAccess.", "stored in floe's data directory");
        CliRun plain = floe("r2", "bucket", "create", "clicks");
        assertThat(plain.exitCode()).as(plain.err()).isZero();
        assertThat(plain.out()).contains("Created bucket 'clicks' with default storage class of Standard.");

        CliRun listed = floe("r2", "bucket", "list");
        assertThat(listed.exitCode()).as(listed.err()).isZero();
        assertThat(listed.out().lines().toList()).hasSize(4);
        assertThat(listed.out()).containsPattern("clicks\\s+\\S+Z\\s+Standard")
                .containsPattern("orders\\s+\\S+Z\\s+ENAM\\s+InfrequentAccess\\s+floe's data directory");
        assertThat(listed.out().indexOf("clicks")).isLessThan(listed.out().indexOf("orders"));

        CliRun info = floe("r2", "bucket", "info", "orders");
        assertThat(info.exitCode()).isZero();
        assertThat(info.out()).containsPattern("Location:\\s+ENAM").containsPattern("Default storage class:\\s+InfrequentAccess");

        JsonNode json = MAPPER.readTree(floe("r2", "bucket", "info", "orders", "--json").out());
        assertThat(json.path("name").asText()).isEqualTo("orders");
        assertThat(MAPPER.readTree(floe("r2", "bucket", "list", "--json").out()).findValuesAsText("name"))
                .containsExactly("clicks", "orders");

        CliRun deleted = floe("r2", "bucket", "delete", "orders");
        assertThat(deleted.exitCode()).as(deleted.err()).isZero();
        assertThat(deleted.out()).contains("Deleted bucket 'orders'.");
        assertThat(HttpCall.request("GET", server.r2Url("buckets/orders")).bearer(TOKEN).send().status()).isEqualTo(404);
    }

    @Test
    void createAnS3BackedBucket() throws Exception {
        try (LocalS3 s3 = LocalS3.start(Files.createDirectories(dir.resolve("s3")))) {
            s3.createBucket("remote");

            CliRun created = floe("r2", "bucket", "create", "archive", "--s3-bucket", "remote",
                    "--s3-endpoint", s3.endpoint().toString(), "--s3-path-style",
                    "--s3-access-key-id", LocalS3.ACCESS_KEY_ID, "--s3-secret-access-key", LocalS3.SECRET_ACCESS_KEY);

            assertThat(created.exitCode()).as(created.err()).isZero();
            assertThat(created.out()).contains("stored in s3://remote at " + s3.endpoint());
            server.server().buckets().open("archive").write("k.json", "{}".getBytes(StandardCharsets.UTF_8));
            assertThat(s3.objectFile("remote", "k.json")).hasContent("{}");
            CliRun info = floe("r2", "bucket", "info", "archive");
            assertThat(info.out()).containsPattern("Objects stored in:\\s+s3://remote at " + s3.endpoint())
                    .doesNotContain(LocalS3.SECRET_ACCESS_KEY);
        }
    }

    @Test
    void mistakesBecomeOneLineAndTheirExitCode() {
        CliRun missing = floe("r2", "bucket", "info", "nope");
        assertThat(missing.exitCode()).isEqualTo(4);
        assertThat(missing.err()).startsWith("error: ").contains("bucket 'nope' does not exist").doesNotContain("Exception");

        CliRun invalid = floe("r2", "bucket", "create", "No_Good");
        assertThat(invalid.exitCode()).isEqualTo(2);
        assertThat(invalid.err()).contains("bucket name 'No_Good' is invalid");

        floe("r2", "bucket", "create", "dup");
        CliRun duplicate = floe("r2", "bucket", "create", "dup");
        assertThat(duplicate.exitCode()).isEqualTo(5);
        assertThat(duplicate.err()).contains("already exists");

        server.server().buckets().open("dup").write("x", new byte[] {1});
        CliRun notEmpty = floe("r2", "bucket", "delete", "dup");
        assertThat(notEmpty.exitCode()).isEqualTo(5);
        assertThat(notEmpty.err()).contains("is not empty");

        CliRun strayS3Option = floe("r2", "bucket", "create", "stray", "--s3-endpoint", "http://127.0.0.1:9000");
        assertThat(strayS3Option.exitCode()).isEqualTo(2);
        assertThat(strayS3Option.err()).contains("need --s3-bucket");

        assertThat(floe("r2", "bucket", "list").out()).contains("dup").doesNotContain("stray", "No_Good");
    }
}
