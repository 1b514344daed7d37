package dev.floe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.stream.log.LogConfig;
import dev.floe.stream.log.StreamLog;
import dev.floe.stream.log.local.LocalLogStore;
import dev.floe.testing.HttpCall;
import dev.floe.testing.RunningServer;
import dev.floe.testing.ServerProcess;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerLifecycleTest {
    @TempDir
    Path dataDir;

    @Test
    void theBannerSaysWhereTheServerIsAndHowToUseWranglerAndSigtermStopsItCleanly() throws Exception {
        ServerProcess server = ServerProcess.start(dataDir, "--api-token", "t0ken");
        String id;
        try {
            id = HttpCall.request("POST", server.pipelinesUrl("streams")).bearer("t0ken")
                    .body("{\"name\":\"kept\",\"http\":{\"authentication\":false}}").send().json()
                    .path("result").path("id").asText();
            HttpCall.Answer answer = HttpCall.request("POST", server.baseUrl() + "/ingest/" + id)
                    .body("[{\"a\":1},{\"a\":2},{\"a\":3}]").send();
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);

            assertThat(server.terminate()).isEqualTo(143);
        } finally {
            server.close();
        }

        assertThat(server.output()).contains(
                "floe is running at " + server.baseUrl(),
                "account id: " + RunningServer.ACCOUNT,
                "export CLOUDFLARE_API_BASE_URL=" + server.baseUrl() + "/client/v4",
                "export CLOUDFLARE_ACCOUNT_ID=" + RunningServer.ACCOUNT,
                "export CLOUDFLARE_API_TOKEN=",
                "floe stopped");
        try (LocalLogStore store = new LocalLogStore(dataDir.resolve("logs"), LogConfig.DEFAULTS)) {
            StreamLog log = store.open(id);
            assertThat(log.endOffset()).isEqualTo(3);
        }
    }

    @Test
    void aSecondServerCannotOpenTheSameDataDirectory() {
        try (RunningServer first = RunningServer.start(dataDir)) {
            assertThatThrownBy(() -> RunningServer.start(dataDir))
                    .hasMessageContaining("is in use by another floe server");
            assertThat(HttpCall.request("GET", first.baseUrl() + "/healthz").send().status()).isEqualTo(200);
        }
    }

    @Test
    void aBusyPortIsReportedClearly() {
        try (RunningServer first = RunningServer.start(dataDir.resolve("a"))) {
            assertThatThrownBy(() -> RunningServer.start(dataDir.resolve("b"),
                    java.util.Map.of("port", Integer.toString(first.server().port()))))
                    .hasMessageContaining("cannot listen on 127.0.0.1:" + first.server().port());
        }
    }
}
