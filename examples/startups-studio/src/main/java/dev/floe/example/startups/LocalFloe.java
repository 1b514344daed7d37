package dev.floe.example.startups;

import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import dev.floe.server.FloeServer;
import dev.floe.server.ServerConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A floe server for the example: the one already listening at the URL, or one started in this process. */
final class LocalFloe {
    private static final int CONNECT_TIMEOUT_MILLIS = 1_000;

    private LocalFloe() {
    }

    /**
     * Starts a floe at {@code url} unless one is listening there already.
     *
     * @return the server started, to be closed when the example ends; empty when one was running
     * @throws FloeException when nothing listens at a URL that is not on this machine
     */
    static Optional<FloeServer> startUnlessRunning(URI url, String accountId, String apiToken, Path dataDir) {
        int port = url.getPort() == -1 ? 80 : url.getPort();
        if (listening(url.getHost(), port)) {
            return Optional.empty();
        }
        if (!isLoopback(url.getHost())) {
            throw new FloeException(ErrorCode.UNAVAILABLE, "no floe server answers at " + url
                    + "; start one there, or leave out --url to have the example start one on this machine");
        }
        Map<String, String> flags = new HashMap<>();
        flags.put("host", url.getHost());
        flags.put("port", Integer.toString(port));
        flags.put("data-dir", dataDir.toString());
        flags.put("account-id", accountId);
        if (apiToken != null) {
            flags.put("api-token", apiToken);
        }
        try {
            return Optional.of(FloeServer.start(ServerConfig.resolve(flags, Map.of(), null)));
        } catch (IOException e) {
            throw new FloeException(ErrorCode.UNAVAILABLE, "cannot start a floe server at " + url + " with its data in "
                    + dataDir + ": " + e.getMessage(), e);
        }
    }

    private static boolean listening(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }
}
