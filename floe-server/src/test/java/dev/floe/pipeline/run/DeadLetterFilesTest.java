package dev.floe.pipeline.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.floe.json.Json;
import dev.floe.pipeline.sql.DeadLetter;
import dev.floe.stream.log.LogRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeadLetterFilesTest {
    @TempDir
    Path directory;

    /** Events at {@code first} and the {@code count - 1} offsets after it, found by offset. */
    private static LongFunction<LogRecord> batch(long first, int count) {
        return offset -> {
            assertThat(offset).isBetween(first, first + count - 1);
            return new LogRecord(offset, 1_700_000_000_000L, ("{\"n\":\n" + offset + "}").getBytes(StandardCharsets.UTF_8));
        };
    }

    private List<JsonNode> lines() throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory).sorted()) {
            for (Path file : files.toList()) {
                for (String line : Files.readAllLines(file)) {
                    lines.add(Json.parse(line.getBytes(StandardCharsets.UTF_8)));
                }
            }
        }
        return lines;
    }

    @Test
    void eachDeadLetterKeepsTheEventAsSentWithItsError() throws Exception {
        DeadLetterFiles files = new DeadLetterFiles(directory);
        assertThat(files.write("out", List.of(new DeadLetter(12, "Conversion Error: x")), batch(10, 5))).isEqualTo(1);
        List<JsonNode> lines = lines();
        assertThat(lines).hasSize(1);
        assertThat(lines.getFirst().get("sink").asText()).isEqualTo("out");
        assertThat(lines.getFirst().get("offset").asLong()).isEqualTo(12);
        assertThat(lines.getFirst().get("error").asText()).isEqualTo("Conversion Error: x");
        assertThat(lines.getFirst().get("ingested_at").asText()).isEqualTo("2023-11-14T22:13:20Z");
        assertThat(lines.getFirst().get("event").get("n").asLong()).isEqualTo(12);
        assertThat(Files.list(directory).map(file -> file.getFileName().toString())).containsExactly("out-12-12.ndjson");
    }

    @Test
    void afterARestartTheSameFailuresAreNotWrittenTwice() throws Exception {
        new DeadLetterFiles(directory).write("out", List.of(new DeadLetter(11, "e"), new DeadLetter(13, "e")), batch(10, 5));
        DeadLetterFiles restarted = new DeadLetterFiles(directory);
        int fresh = restarted.write("out", List.of(new DeadLetter(11, "e"), new DeadLetter(13, "e"), new DeadLetter(16, "e")),
                batch(10, 8));
        assertThat(fresh).isEqualTo(1);
        assertThat(restarted.write("other", List.of(new DeadLetter(11, "e")), batch(10, 5))).as("sinks count apart").isEqualTo(1);
        assertThat(lines()).extracting(line -> line.get("sink").asText() + "@" + line.get("offset").asLong())
                .containsExactlyInAnyOrder("out@11", "out@13", "out@16", "other@11");
    }
}
