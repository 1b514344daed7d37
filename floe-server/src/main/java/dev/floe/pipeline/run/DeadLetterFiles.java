package dev.floe.pipeline.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import dev.floe.io.AtomicFiles;
import dev.floe.json.Json;
import dev.floe.pipeline.sql.DeadLetter;
import dev.floe.stream.log.LogRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A pipeline's dead letters: the events a statement could not turn into rows, each with its error,
 * kept as newline-delimited JSON files in the pipeline's folder, one file per batch and sink, named
 * {@code <sink>-<first offset>-<last offset>.ndjson}. A line is
 * {@code {"sink":…,"offset":…,"ingested_at":…,"error":…,"event":<the event as sent>}}.
 *
 * <p>A file is durable before the consumer's offset can move past its events. After a crash the same
 * events fail again when their range is processed again; those at or below the highest offset already
 * written for the sink are skipped, so each dead letter is kept once.
 */
final class DeadLetterFiles {
    private static final Pattern FILE_NAME = Pattern.compile("(.+)-(\\d+)-(\\d+)\\.ndjson");

    private final Path directory;
    private final Map<String, Long> lastWritten = new HashMap<>();

    DeadLetterFiles(Path directory) {
        this.directory = directory;
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> files = Files.list(directory)) {
            files.forEach(file -> {
                Matcher name = FILE_NAME.matcher(file.getFileName().toString());
                if (name.matches()) {
                    lastWritten.merge(name.group(1), Long.parseLong(name.group(3)), Math::max);
                }
            });
        } catch (IOException e) {
            throw new FloeException(ErrorCode.UNAVAILABLE, "cannot list the dead letters in " + directory + ": "
                    + e.getMessage(), e);
        }
    }

    Path directory() {
        return directory;
    }

    /**
     * Writes the dead letters of one batch for one sink.
     *
     * @param events the events of the dead letters, by offset (others may be there too)
     * @return how many were new (not written before a restart)
     */
    int write(String sink, List<DeadLetter> deadLetters, LongFunction<LogRecord> events) {
        long already = lastWritten.getOrDefault(sink, -1L);
        List<DeadLetter> fresh = deadLetters.stream().filter(letter -> letter.offset() > already).toList();
        if (fresh.isEmpty()) {
            return 0;
        }
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (DeadLetter letter : fresh) {
            content.writeBytes(line(sink, letter, events.apply(letter.offset())));
        }
        long first = fresh.get(0).offset();
        long last = fresh.get(fresh.size() - 1).offset();
        Path file = directory.resolve(sink + "-" + first + "-" + last + ".ndjson");
        try {
            AtomicFiles.write(file, content.toByteArray());
        } catch (IOException e) {
            throw new FloeException(ErrorCode.UNAVAILABLE, "cannot write dead letters to " + file + ": "
                    + e.getMessage(), e);
        }
        lastWritten.put(sink, last);
        return fresh.size();
    }

    private static byte[] line(String sink, DeadLetter letter, LogRecord record) {
        ObjectNode json = Json.object();
        json.put("sink", sink);
        json.put("offset", letter.offset());
        json.put("ingested_at", Instant.ofEpochMilli(record.ingestTimeMillis()).toString());
        json.put("error", letter.error());
        String prefix = new String(Json.toBytes(json), StandardCharsets.UTF_8);
        // the event is spliced in as sent: it is valid JSON, and re-encoding could change its numbers
        String event = new String(record.payload(), StandardCharsets.UTF_8).replace('\n', ' ').replace('\r', ' ');
        return (prefix.substring(0, prefix.length() - 1) + ",\"event\":" + event + "}\n").getBytes(StandardCharsets.UTF_8);
    }
}
