package dev.floe.cli;

import dev.floe.testing.RunningServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** {@code floe} run as a user runs it, against a real server of its own for each test, with an API token. */
abstract class CliEndToEndTest {
    static final String TOKEN = "cli-token";

    @TempDir
    Path dir;

    RunningServer server;

    @BeforeEach
    void startServer() {
        server = RunningServer.start(dir.resolve("data"), Map.of("api-token", TOKEN));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    CliRun floe(String... arguments) {
        return CliRun.against(server, TOKEN, arguments);
    }
}
