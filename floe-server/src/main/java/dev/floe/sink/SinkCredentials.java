package dev.floe.sink;

/**
 * The S3 credentials a sink was created with. Wrangler always sends them for {@code r2} sinks; a
 * bucket on the local disk does not use them. They are kept, and never shown again.
 */
public record SinkCredentials(String accessKeyId, String secretAccessKey) {
    @Override
    public String toString() {
        return "SinkCredentials[accessKeyId=" + accessKeyId + ", secretAccessKey=<hidden>]";
    }
}
