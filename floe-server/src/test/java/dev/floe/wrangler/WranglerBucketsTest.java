package dev.floe.wrangler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.floe.storage.Bucket;
import dev.floe.testing.Command;
import dev.floe.testing.HttpCall;
import org.junit.jupiter.api.Test;

/**
 * Real wrangler, pointed at floe with CLOUDFLARE_API_BASE_URL, manages R2 buckets. {@code r2 bucket
 * info} also asks the GraphQL analytics API for the bucket's object count and size.
 */
class WranglerBucketsTest extends WranglerTestCase {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static HttpCall.Answer getBucket(String name) {
        return HttpCall.request("GET", server.r2Url("buckets/" + name)).bearer(TOKEN).send();
    }

    @Test
    void createListInfoAndDeleteABucket() throws Exception {
        Command.Result created = wrangler("r2", "bucket", "create", "wr-events", "--location", "weur",
                "--storage-class", "InfrequentAccess");
        assertThat(created.exitCode()).as(created.output()).isZero();
        assertThat(created.output()).contains(
                "Created bucket 'wr-events' with location hint weur and default storage class of InfrequentAccess");
        JsonNode bucket = getBucket("wr-events").json().path("result");
        assertThat(bucket.path("location").asText()).isEqualTo("WEUR");
        assertThat(bucket.path("storage_class").asText()).isEqualTo("InfrequentAccess");

        Command.Result listed = wrangler("r2", "bucket", "list");
        assertThat(listed.exitCode()).as(listed.output()).isZero();
        assertThat(listed.output()).containsPattern("name:\\s+wr-events")
                .containsPattern("creation_date:\\s+" + bucket.path("creation_date").asText());

        Bucket objects = server.server().buckets().open("wr-events");
        objects.write("dt=2026-01-01/part-0.json", new byte[1000]);
        objects.write("dt=2026-01-01/part-1.json", new byte[500]);
        Command.Result info = wrangler("r2", "bucket", "info", "wr-events");
        assertThat(info.exitCode()).as(info.output()).isZero();
        assertThat(info.output()).containsPattern("location:\\s+WEUR")
                .containsPattern("default_storage_class:\\s+InfrequentAccess")
                .containsPattern("object_count:\\s+2")
                .containsPattern("bucket_size:\\s+1.5 kB");

        Command.Result infoJson = wrangler("r2", "bucket", "info", "wr-events", "--json");
        assertThat(infoJson.exitCode()).as(infoJson.output()).isZero();
        JsonNode json = MAPPER.readTree(infoJson.output().substring(infoJson.output().indexOf('{')));
        assertThat(json.path("name").asText()).isEqualTo("wr-events");
        assertThat(json.path("object_count").asText()).isEqualTo("2");

        Command.Result notEmpty = wrangler("r2", "bucket", "delete", "wr-events");
        assertThat(notEmpty.exitCode()).isNotZero();
        assertThat(notEmpty.output()).contains("bucket 'wr-events' is not empty");

        objects.delete("dt=2026-01-01/part-0.json");
        objects.delete("dt=2026-01-01/part-1.json");
        Command.Result deleted = wrangler("r2", "bucket", "delete", "wr-events");
        assertThat(deleted.exitCode()).as(deleted.output()).isZero();
        assertThat(deleted.output()).contains("Deleted bucket wr-events.");
        assertThat(getBucket("wr-events").status()).isEqualTo(404);
    }

    @Test
    void serverErrorsReachTheWranglerUser() throws Exception {
        assertThat(wrangler("r2", "bucket", "create", "wr-twice").exitCode()).isZero();
        Command.Result duplicate = wrangler("r2", "bucket", "create", "wr-twice");
        assertThat(duplicate.exitCode()).isNotZero();
        assertThat(duplicate.output()).contains("'wr-twice' already exists");

        Command.Result missing = wrangler("r2", "bucket", "info", "wr-missing");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.output()).contains("bucket 'wr-missing' does not exist");

        Command.Result otherJurisdiction = wrangler("r2", "bucket", "list", "--jurisdiction", "eu");
        assertThat(otherJurisdiction.exitCode()).isNotZero();
        assertThat(otherJurisdiction.output()).contains("jurisdiction 'eu' is not served here");

        Command.Result wrongToken = floe.runWithToken("not-the-token",
                "r2", "bucket", "list");
        assertThat(wrongToken.exitCode()).isNotZero();
        assertThat(wrongToken.output()).contains("not valid");
    }
}
