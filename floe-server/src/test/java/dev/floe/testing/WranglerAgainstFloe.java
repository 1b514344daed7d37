package dev.floe.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Real wrangler and a floe server with an API token, ready for wrangler to talk to. */
public final class WranglerAgainstFloe implements AutoCloseable {
    private final Wrangler wrangler;
    private final RunningServer server;
    private final String token;

    private WranglerAgainstFloe(Wrangler wrangler, RunningServer server, String token) {
        this.wrangler = wrangler;
        this.server = server;
        this.token = token;
    }

    /** Installs wrangler when needed and starts a server whose data and wrangler's home are under {@code work}. */
    public static WranglerAgainstFloe start(Path work, String token) throws IOException, InterruptedException {
        Wrangler wrangler = Wrangler.install(Files.createDirectories(work.resolve("home")));
        return new WranglerAgainstFloe(wrangler, RunningServer.start(work.resolve("data"), Map.of("api-token", token)),
                token);
    }

    public RunningServer server() {
        return server;
    }

    /** Runs {@code wrangler <arguments>} with the server's URL, account and token. */
    public Command.Result run(String... arguments) throws IOException, InterruptedException {
        return wrangler.run(server.baseUrl(), RunningServer.ACCOUNT, token, arguments);
    }

    /** Runs wrangler with another token than the server's. */
    public Command.Result runWithToken(String otherToken, String... arguments) throws IOException, InterruptedException {
        return wrangler.run(server.baseUrl(), RunningServer.ACCOUNT, otherToken, arguments);
    }

    @Override
    public void close() {
        server.close();
    }
}
