package dev.floe.client.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ApiConnectionTest {
    private final ScriptedTransport server = new ScriptedTransport();

    private ApiConnection connection(String token) {
        return new ApiConnection(URI.create("http://127.0.0.1:8787"), "acc 1", token, server, new ObjectMapper());
    }

    @Test
    void buildsAccountScopedUrisWithEncodedSegmentsAndQuery() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("page", "2");
        query.put("name", "a b&c");
        query.put("skipped", null);

        URI uri = connection(null).uri(List.of("pipelines", "v1", "streams", "../x/y"), query);

        assertThat(uri).hasToString(
                "http://127.0.0.1:8787/client/v4/accounts/acc%201/pipelines/v1/streams/%2E%2E%2Fx%2Fy?page=2&name=a+b%26c");
    }

    @Test
    void sendsTheTokenAsBearerAndJsonHeaders() {
        ApiRequest request = connection("t0k3n").request("POST", List.of("x"), Map.of(), new byte[] {'{', '}'},
                Map.of("Floe-Producer-Id", "p"));

        assertThat(request.headers()).containsEntry("Authorization", "Bearer t0k3n")
                .containsEntry("Content-Type", "application/json")
                .containsEntry("Accept", "application/json")
                .containsEntry("Floe-Producer-Id", "p");
    }

    @Test
    void sendsNoAuthorizationWithoutAToken() {
        ApiRequest request = connection(null).request("GET", List.of("x"), Map.of(), null, Map.of());

        assertThat(request.headers()).doesNotContainKeys("Authorization", "Content-Type");
    }

    @Test
    void unreachableServerIsUnavailableWithAHint() {
        server.thenFail(new ConnectException());

        FloeException error = catchThrowableOfType(FloeException.class,
                () -> connection(null).call("GET", List.of("x"), Map.of(), null));

        assertThat(error.code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(error.getMessage()).isEqualTo("cannot reach floe at http://127.0.0.1:8787: connection refused; "
                + "is the server running? start it with ./floe server");
    }

    @Test
    void unreachableServerMessageSaysWhatFailed() {
        server.thenFail(new HttpConnectTimeoutException("HTTP connect timed out"));

        FloeException error = catchThrowableOfType(FloeException.class,
                () -> connection(null).call("GET", List.of("x"), Map.of(), null));

        assertThat(error.getMessage()).startsWith("cannot reach floe at http://127.0.0.1:8787: HTTP connect timed out;");
    }
}
