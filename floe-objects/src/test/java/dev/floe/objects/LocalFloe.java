package dev.floe.objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.floe.client.FloeClient;
import dev.floe.client.StreamSpec;
import dev.floe.stream.StreamService;
import dev.floe.stream.log.LogRecord;
import dev.floe.testing.RunningServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real floe server for delivery tests, on a port that stays the same across stops and starts (so
 * that a client keeps reaching it), and what its streams stored, read back from its logs.
 */
final class LocalFloe implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dataDir;
    private final int port;
    private RunningServer server;

    LocalFloe(Path dataDir) {
        this.dataDir = dataDir;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            this.port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        start();
    }

    void start() {
        server = RunningServer.start(dataDir, Map.of("port", Integer.toString(port)));
    }

    void stop() {
        server.close();
        server = null;
    }

    RunningServer server() {
        return server;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** A client that gives up on an unreachable server after a second, leaving the waiting to the relay. */
    FloeClient client() {
        return FloeClient.builder().baseUrl(url()).accountId(RunningServer.ACCOUNT).retryDeadline(Duration.ofSeconds(1))
                .timeout(Duration.ofSeconds(10)).build();
    }

    void createStreams(String... names) {
        try (FloeClient client = client()) {
            for (String name : names) {
                client.streams().create(StreamSpec.builder(name).build());
            }
        }
    }

    /** Every record the stream holds, in offset order. */
    List<JsonNode> records(String stream) {
        StreamService streams = server.server().streams();
        List<JsonNode> records = new ArrayList<>();
        for (LogRecord record : streams.log(streams.get(stream)).read(0, Integer.MAX_VALUE, Long.MAX_VALUE)) {
            try {
                records.add(JSON.readTree(record.payload()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return records;
    }

    /** The records the server took for duplicates of records it already held, from its metrics. */
    long duplicates(String stream) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            String metrics = http.send(HttpRequest.newBuilder(URI.create(url() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            String prefix = "floe_stream_records_duplicate_total{stream=\"" + stream + "\"";
            return metrics.lines().filter(line -> line.startsWith(prefix))
                    .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
        }
    }

    @Override
    public void close() {
        if (server != null) {
            stop();
        }
    }
}
