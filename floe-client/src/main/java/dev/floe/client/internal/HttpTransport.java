package dev.floe.client.internal;

import java.io.IOException;

/** Sends a request and returns whatever the server answered: the seam between the client and the network. */
public interface HttpTransport extends AutoCloseable {

    /**
     * Sends one request.
     *
     * @throws IOException when no response arrived (the request may or may not have reached the server)
     */
    ApiResponse send(ApiRequest request) throws IOException, InterruptedException;

    /** Releases connections; a transport that wraps another one leaves it open. */
    @Override
    default void close() {
    }
}
