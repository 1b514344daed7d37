package dev.floe.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.floe.client.internal.ScriptedTransport;
import org.junit.jupiter.api.Test;

import static dev.floe.client.internal.ScriptedTransport.body;
import static dev.floe.client.internal.ScriptedTransport.json;
import static dev.floe.client.internal.ScriptedTransport.ok;
import static org.assertj.core.api.Assertions.assertThat;

class StreamsTest {
    private static final String BASE = "http://127.0.0.1:8787/client/v4/accounts/acc/pipelines/v1/streams";

    private final ScriptedTransport server = new ScriptedTransport();
    private final Streams streams = FloeClient.builder().accountId("acc").apiToken("tok").transport(server).build().streams();

    @Test
    void createPostsTheSpecAndReadsTheStream() throws Exception {
        server.thenRespond(ok(StreamInfoTest.STRUCTURED));

        StreamInfo created = streams.create(StreamSpec.builder("clicks").build());

        assertThat(created.name()).isEqualTo("clicks");
        assertThat(server.lastRequest().method()).isEqualTo("POST");
        assertThat(server.lastRequest().uri()).hasToString(BASE);
        assertThat(server.lastRequest().headers()).containsEntry("Authorization", "Bearer tok");
        assertThat(new ObjectMapper().readTree(body(server.lastRequest())))
                .isEqualTo(StreamSpec.builder("clicks").build().toJson());
    }

    @Test
    void listReadsItemsAndPageInfo() {
        server.thenRespond(json(200, """
                {"success":true,"errors":[],"messages":[],"result":[%s],
                 "result_info":{"page":2,"per_page":1,"count":1,"total_count":3,"total_pages":3}}"""
                .formatted(StreamInfoTest.STRUCTURED)));

        Page<StreamInfo> page = streams.list(2, 1, "cli");

        assertThat(server.lastRequest().uri()).hasToString(BASE + "?page=2&per_page=1&name=cli");
        assertThat(page.items()).extracting(StreamInfo::name).containsExactly("clicks");
        assertThat(page).extracting(Page::page, Page::perPage, Page::count, Page::totalCount, Page::totalPages)
                .containsExactly(2, 1, 1, 3, 3);
        assertThat(page.hasNextPage()).isTrue();
    }

    @Test
    void listWithoutFilterSendsNoName() {
        server.thenRespond(json(200, "{\"success\":true,\"errors\":[],\"result\":[],\"result_info\":{}}"));

        Page<StreamInfo> page = streams.list(1, 20, null);

        assertThat(server.lastRequest().uri()).hasToString(BASE + "?page=1&per_page=20");
        assertThat(page.items()).isEmpty();
        assertThat(page.hasNextPage()).isFalse();
    }

    @Test
    void getUpdateAndDeleteAddressTheStream() {
        server.thenRespond(ok(StreamInfoTest.STRUCTURED))
                .thenRespond(ok(StreamInfoTest.STRUCTURED))
                .thenRespond(ok("null"));

        streams.get("clicks");
        assertThat(server.lastRequest().method()).isEqualTo("GET");
        assertThat(server.lastRequest().uri()).hasToString(BASE + "/clicks");

        streams.update("clicks", StreamUpdate.builder().httpEnabled(false).build());
        assertThat(server.lastRequest().method()).isEqualTo("PATCH");
        assertThat(body(server.lastRequest())).isEqualTo("{\"http\":{\"enabled\":false}}");

        streams.delete("clicks", true);
        assertThat(server.lastRequest().method()).isEqualTo("DELETE");
        assertThat(server.lastRequest().uri()).hasToString(BASE + "/clicks?force=true");
    }
}
