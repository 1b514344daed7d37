package dev.floe.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StreamInfoTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static final String STRUCTURED = """
            {"id":"0123456789abcdef0123456789abcdef","name":"clicks","version":3,
             "created_at":"2026-01-01T00:00:00Z","modified_at":"2026-01-02T03:04:05Z",
             "endpoint":"http://127.0.0.1:8787/ingest/0123456789abcdef0123456789abcdef",
             "format":{"type":"json","unstructured":false},
             "schema":{"fields":[{"name":"user","type":"string","required":true}]},
             "http":{"enabled":true,"authentication":false,"cors":{"origins":["*","https://a.example"]}},
             "worker_binding":{"enabled":true}}""";

    @Test
    void readsEveryFieldOfAStreamObject() throws Exception {
        StreamInfo stream = StreamInfo.fromJson(MAPPER.readTree(STRUCTURED));

        assertThat(stream.id()).isEqualTo("0123456789abcdef0123456789abcdef");
        assertThat(stream.name()).isEqualTo("clicks");
        assertThat(stream.version()).isEqualTo(3);
        assertThat(stream.createdAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(stream.modifiedAt()).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
        assertThat(stream.endpoint()).isEqualTo("http://127.0.0.1:8787/ingest/0123456789abcdef0123456789abcdef");
        assertThat(stream.format()).isEqualTo("json");
        assertThat(stream.unstructured()).isFalse();
        assertThat(stream.schema().path("fields").get(0).path("name").asText()).isEqualTo("user");
        assertThat(stream.httpEnabled()).isTrue();
        assertThat(stream.httpAuthentication()).isFalse();
        assertThat(stream.corsOrigins()).containsExactly("*", "https://a.example");
        assertThat(stream.workerBindingEnabled()).isTrue();
        assertThat(stream.raw()).isEqualTo(MAPPER.readTree(STRUCTURED));
    }

    @Test
    void nullSchemaMeansUnstructured() throws Exception {
        StreamInfo stream = StreamInfo.fromJson(MAPPER.readTree("""
                {"id":"a","name":"raw","format":{"type":"json"},"schema":null,"http":{"enabled":false}}"""));

        assertThat(stream.schema()).isNull();
        assertThat(stream.unstructured()).isTrue();
        assertThat(stream.corsOrigins()).isEmpty();
        assertThat(stream.createdAt()).isNull();
    }

    @Test
    void malformedTimestampIsAnUnexpectedResponse() {
        assertThatThrownBy(() -> StreamInfo.fromJson(MAPPER.readTree("{\"created_at\":\"yesterday\"}")))
                .isInstanceOfSatisfying(FloeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL))
                .hasMessageContaining("created_at \"yesterday\" is not a timestamp");
    }
}
