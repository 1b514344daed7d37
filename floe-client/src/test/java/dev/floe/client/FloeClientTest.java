package dev.floe.client;

import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FloeClientTest {

    @Test
    void defaultsToTheLocalServerAndAccount() {
        try (FloeClient client = FloeClient.builderFromEnvironment(Map.of()).build()) {
            assertThat(client.baseUrl()).hasToString("http://127.0.0.1:8787");
            assertThat(client.accountId()).isEqualTo("local");
        }
    }

    @Test
    void floeVariablesWinOverCloudflareOnes() {
        try (FloeClient client = FloeClient.builderFromEnvironment(Map.of(
                "FLOE_URL", "https://floe.example:9000/",
                "FLOE_ACCOUNT_ID", "floe-acc",
                "CLOUDFLARE_ACCOUNT_ID", "cf-acc")).build()) {
            assertThat(client.baseUrl()).hasToString("https://floe.example:9000");
            assertThat(client.accountId()).isEqualTo("floe-acc");
        }
    }

    @Test
    void cloudflareVariablesApplyWhenFloeOnesAreUnsetOrEmpty() {
        try (FloeClient client = FloeClient.builderFromEnvironment(Map.of(
                "FLOE_ACCOUNT_ID", "",
                "CLOUDFLARE_ACCOUNT_ID", "cf-acc")).build()) {
            assertThat(client.accountId()).isEqualTo("cf-acc");
        }
    }

    @Test
    void keepsAPathPrefixOfTheBaseUrl() {
        try (FloeClient client = FloeClient.builder().baseUrl("http://proxy/floe/").build()) {
            assertThat(client.baseUrl()).hasToString("http://proxy/floe");
        }
    }

    @Test
    void rejectsUrlsThatAreNotHttp() {
        for (String url : new String[] {"127.0.0.1:8787", "ftp://h", "http://", "http://h/?q=1", "not a url"}) {
            assertThatThrownBy(() -> FloeClient.builder().baseUrl(url))
                    .isInstanceOfSatisfying(FloeException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
                    .hasMessageStartingWith("invalid floe URL \"" + url + "\"");
        }
    }
}
