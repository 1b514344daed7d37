package dev.floe.api;

import java.io.IOException;

/** Answers one routed request. Throws {@link dev.floe.error.FloeException} to answer with an error. */
@FunctionalInterface
interface Handler {
    void handle(ApiExchange exchange) throws IOException;
}
