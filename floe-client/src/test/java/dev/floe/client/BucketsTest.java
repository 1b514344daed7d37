package dev.floe.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.floe.client.internal.ScriptedTransport;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static dev.floe.client.internal.ScriptedTransport.body;
import static dev.floe.client.internal.ScriptedTransport.json;
import static dev.floe.client.internal.ScriptedTransport.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BucketsTest {
    private static final String BASE = "http://127.0.0.1:8787/client/v4/accounts/acc/r2/buckets";
    static final String LOCAL = """
            {"name":"events","creation_date":"2026-01-02T03:04:05.678Z","location":"WNAM",
             "storage_class":"InfrequentAccess","jurisdiction":"default"}""";
    static final String S3 = """
            {"name":"archive","creation_date":"2026-01-02T03:04:05Z","storage_class":"Standard",
             "jurisdiction":"default","floe_s3":{"endpoint":"http://127.0.0.1:9000","region":"us-east-1",
             "bucket":"remote","path_style":true}}""";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ScriptedTransport server = new ScriptedTransport();
    private final Buckets buckets = FloeClient.builder().accountId("acc").apiToken("tok").transport(server).build()
            .buckets();

    @Test
    void createPostsR2sBodyWithTheS3SettingsAndReadsTheBucket() throws Exception {
        server.thenRespond(ok(S3));

        BucketInfo created = buckets.create(BucketSpec.builder("archive").locationHint("weur")
                .storageClass("Standard")
                .s3(new S3Storage("http://127.0.0.1:9000", null, "remote", true, "key", "secret"))
                .build());

        assertThat(server.lastRequest().method()).isEqualTo("POST");
        assertThat(server.lastRequest().uri()).hasToString(BASE);
        assertThat(MAPPER.readTree(body(server.lastRequest()))).isEqualTo(MAPPER.readTree("""
                {"name":"archive","locationHint":"weur","storageClass":"Standard",
                 "floe_s3":{"endpoint":"http://127.0.0.1:9000","bucket":"remote","path_style":true,
                            "access_key_id":"key","secret_access_key":"secret"}}"""));
        assertThat(created.s3()).isEqualTo(new S3Storage("http://127.0.0.1:9000", "us-east-1", "remote", true, null, null));
        assertThat(created.s3().describe()).isEqualTo("s3://remote at http://127.0.0.1:9000");
    }

    @Test
    void aBucketObjectReadsIntoItsFields() throws Exception {
        BucketInfo bucket = BucketInfo.fromJson(MAPPER.readTree(LOCAL));

        assertThat(bucket.name()).isEqualTo("events");
        assertThat(bucket.createdAt()).isEqualTo(Instant.parse("2026-01-02T03:04:05.678Z"));
        assertThat(bucket.location()).isEqualTo("WNAM");
        assertThat(bucket.storageClass()).isEqualTo("InfrequentAccess");
        assertThat(bucket.jurisdiction()).isEqualTo("default");
        assertThat(bucket.s3()).isNull();
        assertThat(bucket.raw().path("name").asText()).isEqualTo("events");
        assertThatThrownBy(() -> BucketInfo.fromJson(MAPPER.readTree("{\"name\":\"x\",\"creation_date\":\"soon\"}")))
                .isInstanceOfSatisfying(FloeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL));
    }

    @Test
    void listFollowsTheCursorThroughEveryPage() {
        server.thenRespond(json(200, """
                        {"success":true,"errors":[],"result":{"buckets":[%s]},"result_info":{"cursor":"events","per_page":1}}"""
                        .formatted(LOCAL)))
                .thenRespond(json(200, """
                        {"success":true,"errors":[],"result":{"buckets":[%s]},"result_info":{"per_page":1}}"""
                        .formatted(S3)));

        assertThat(buckets.list()).extracting(BucketInfo::name).containsExactly("events", "archive");
        assertThat(server.requests().get(0).uri()).hasToString(BASE);
        assertThat(server.requests().get(1).uri()).hasToString(BASE + "?cursor=events");
    }

    @Test
    void getAndDeleteAddressTheBucket() {
        server.thenRespond(ok(LOCAL)).thenRespond(ok("{}"));

        buckets.get("events");
        assertThat(server.lastRequest().method()).isEqualTo("GET");
        assertThat(server.lastRequest().uri()).hasToString(BASE + "/events");

        buckets.delete("events");
        assertThat(server.lastRequest().method()).isEqualTo("DELETE");
        assertThat(server.lastRequest().uri()).hasToString(BASE + "/events");
    }

    @Test
    void s3SettingsNeverPrintTheSecret() {
        assertThat(new S3Storage(null, null, "b", false, "key", "very-secret").toString())
                .doesNotContain("very-secret").contains("key");
    }
}
