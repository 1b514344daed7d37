package dev.floe.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StreamSpecTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void defaultsToAnUnstructuredStreamWithAuthenticatedHttpAndTheBinding() throws Exception {
        StreamSpec spec = StreamSpec.builder("s1").build();

        assertThat(spec.unstructured()).isTrue();
        assertThat(spec.toJson()).isEqualTo(MAPPER.readTree("""
                {"name":"s1","format":{"type":"json","unstructured":true},
                 "http":{"enabled":true,"authentication":true},"worker_binding":{"enabled":true}}"""));
    }

    @Test
    void carriesSchemaAndSettings() throws Exception {
        StreamSpec spec = StreamSpec.builder("s_2")
                .schema(MAPPER.readTree("{\"fields\":[{\"name\":\"a\",\"type\":\"int32\"}]}"))
                .httpEnabled(true)
                .httpAuthentication(false)
                .corsOrigins(List.of("*"))
                .workerBindingEnabled(false)
                .build();

        assertThat(spec.toJson()).isEqualTo(MAPPER.readTree("""
                {"name":"s_2","format":{"type":"json"},
                 "schema":{"fields":[{"name":"a","type":"int32"}]},
                 "http":{"enabled":true,"authentication":false,"cors":{"origins":["*"]}},
                 "worker_binding":{"enabled":false}}"""));
    }

    @Test
    void rejectsNamesOtherThanLettersDigitsAndUnderscores() {
        for (String name : List.of("", "my-stream", "a b", "ü")) {
            assertThatThrownBy(() -> StreamSpec.builder(name))
                    .isInstanceOfSatisfying(FloeException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
                    .hasMessage("invalid stream name \"" + name
                            + "\": a stream name may contain only letters, digits and underscores");
        }
    }

    @Test
    void updateHoldsOnlyWhatChanges() throws Exception {
        assertThat(StreamUpdate.builder().build().toJson()).isEqualTo(MAPPER.readTree("{}"));
        assertThat(StreamUpdate.builder().httpAuthentication(false).workerBindingEnabled(true).build().toJson())
                .isEqualTo(MAPPER.readTree("{\"http\":{\"authentication\":false},\"worker_binding\":{\"enabled\":true}}"));
        assertThat(StreamUpdate.builder().httpEnabled(false).corsOrigins(List.of()).build().toJson())
                .isEqualTo(MAPPER.readTree("{\"http\":{\"enabled\":false,\"cors\":{\"origins\":[]}}}"));
    }
}
