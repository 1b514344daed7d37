package dev.floe.wrangler;

import dev.floe.testing.Command;
import dev.floe.testing.RunningServer;
import dev.floe.testing.WranglerAgainstFloe;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Cloudflare's wrangler, as its users run it, against a floe server that a test class's tests share. */
abstract class WranglerTestCase {
    static final String TOKEN = "wrangler-token";

    @TempDir
    static Path work;

    static WranglerAgainstFloe floe;
    static RunningServer server;

    @BeforeAll
    static void startWranglerAndFloe() throws Exception {
        floe = WranglerAgainstFloe.start(work, TOKEN);
        server = floe.server();
    }

    @AfterAll
    static void stopWranglerAndFloe() {
        if (floe != null) {
            floe.close();
        }
    }

    static Command.Result wrangler(String... arguments) throws Exception {
        return floe.run(arguments);
    }
}
