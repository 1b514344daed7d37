package dev.floe.client.internal;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

/** The transport over the JDK's {@link HttpClient}, so that producers need no HTTP library. */
public final class JdkHttpTransport implements HttpTransport {
    private final HttpClient client;
    private final Duration timeout;

    /** @param timeout how long to wait to connect, and then for each response */
    public JdkHttpTransport(Duration timeout) {
        this.timeout = timeout;
        // HTTP/1.1 because floe speaks plain http locally, where the JDK's h2c upgrade attempt only
        // adds a round of negotiation.
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .build();
    }

    @Override
    public ApiResponse send(ApiRequest request) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri())
                .timeout(timeout)
                .method(request.method(), request.body() == null
                        ? BodyPublishers.noBody()
                        : BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach(builder::header);
        HttpResponse<byte[]> response = client.send(builder.build(), BodyHandlers.ofByteArray());
        return new ApiResponse(response.statusCode(), response.headers().map(), response.body());
    }

    @Override
    public void close() {
        client.close();
    }
}
