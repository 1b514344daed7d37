package dev.floe.bench;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * The events the end-to-end benchmarks send: about 310 bytes of JSON each, shaped like those objects
 * emit (an 8-field schema: strings, int64, float64, a millisecond timestamp and a JSON object).
 */
final class BenchEvents {
    static final String SCHEMA = """
            {"fields":[
              {"name":"event_id","type":"string","required":true},
              {"name":"ns","type":"string","required":true},
              {"name":"verb","type":"string","required":true},
              {"name":"source","type":"string","required":true},
              {"name":"object_seq","type":"int64","required":true},
              {"name":"amount","type":"float64"},
              {"name":"timestamp","type":"timestamp","unit":"millisecond","required":true},
              {"name":"data","type":"json"}
            ]}""";

    private BenchEvents() {
    }

    /** One event as a JSON object on one line. */
    static void append(StringBuilder out, Random random, long sequence, int client) {
        out.append("{\"event_id\":\"").append(Long.toHexString(random.nextLong())).append('-')
                .append(Long.toHexString(random.nextLong()))
                .append("\",\"ns\":\"https://startups.studio\",\"verb\":\"")
                .append(random.nextBoolean() ? "created" : "updated")
                .append("\",\"source\":\"Startup/acme-").append(client).append('-').append(random.nextInt(1000))
                .append("\",\"object_seq\":").append(sequence)
                .append(",\"amount\":").append(random.nextInt(100_000) / 100.0)
                .append(",\"timestamp\":").append(1_767_225_600_000L + random.nextInt(86_400_000))
                .append(",\"data\":{\"round\":\"seed\",\"seats\":").append(random.nextInt(10))
                .append(",\"raisedAt\":\"2024-10-0").append(1 + random.nextInt(9))
                .append("\",\"investors\":[\"a16z\",\"yc\"],\"note\":\"")
                .append("x".repeat(30 + random.nextInt(20))).append("\"}}");
    }

    /** A JSON array of {@code size} events, the body of one ingest request. */
    static byte[] batch(Random random, int size, int client) {
        StringBuilder body = new StringBuilder(size * 320).append('[');
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                body.append(',');
            }
            append(body, random, i, client);
        }
        return body.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }
}
