package dev.floe.stream.log.local;

import dev.floe.io.AtomicFiles;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The consumers of a log and the offset each will read next, kept in {@code consumers.json} in the
 * log's directory: {@code {"version":1,"consumers":{"<name>":<offset>,...}}}. Every change is saved
 * atomically before it takes effect in memory, so a change that failed to save did not happen.
 *
 * <p>Reads may run at any time; changes must not run concurrently with each other (the log
 * serializes them, together with the checks they depend on).
 */
final class ConsumerOffsets {
    private static final String FILE_NAME = "consumers.json";
    private static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The file's content. */
    record Content(int version, Map<String, Long> consumers) {
    }

    private final Path file;
    /** Replaced whole on every change, never modified. */
    private volatile Map<String, Long> offsets;

    private ConsumerOffsets(Path file, Map<String, Long> offsets) {
        this.file = file;
        this.offsets = offsets;
    }

    /** Reads the consumers saved in {@code directory}, if any. */
    static ConsumerOffsets load(Path directory) throws IOException {
        Path file = directory.resolve(FILE_NAME);
        Map<String, Long> offsets = Files.exists(file)
                ? JSON.readValue(file.toFile(), Content.class).consumers()
                : Map.of();
        return new ConsumerOffsets(file, Map.copyOf(offsets));
    }

    OptionalLong get(String consumer) {
        Long offset = offsets.get(consumer);
        return offset == null ? OptionalLong.empty() : OptionalLong.of(offset);
    }

    Map<String, Long> all() {
        return offsets;
    }

    /** The smallest committed offset, or empty without consumers. */
    OptionalLong minimum() {
        return offsets.values().stream().mapToLong(Long::longValue).min();
    }

    void put(String consumer, long offset) throws IOException {
        Map<String, Long> changed = new TreeMap<>(offsets);
        changed.put(consumer, offset);
        save(changed);
    }

    void remove(String consumer) throws IOException {
        if (offsets.containsKey(consumer)) {
            Map<String, Long> changed = new TreeMap<>(offsets);
            changed.remove(consumer);
            save(changed);
        }
    }

    private void save(Map<String, Long> changed) throws IOException {
        AtomicFiles.write(file, JSON.writeValueAsBytes(new Content(VERSION, changed)));
        offsets = Map.copyOf(changed);
    }
}
