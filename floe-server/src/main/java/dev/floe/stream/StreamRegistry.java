package dev.floe.stream;

import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import dev.floe.io.AtomicFiles;
import dev.floe.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream definitions, one JSON file each under a directory, and an in-memory index by id and
 * name. Writers must hold the registry's lock (the service serializes control-plane changes); reads
 * are lock-free.
 */
final class StreamRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(StreamRegistry.class);
    private static final String SUFFIX = ".json";

    private final Path directory;
    private final Map<String, StreamDefinition> byId = new ConcurrentHashMap<>();
    private final Map<String, StreamDefinition> byName = new ConcurrentHashMap<>();

    StreamRegistry(Path directory) {
        this.directory = directory;
        try {
            Files.createDirectories(directory);
            try (var files = Files.list(directory)) {
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).toList()) {
                    index(load(file));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read stream definitions in " + directory, e);
        }
        LOG.debug("Loaded {} stream definitions from {}", byId.size(), directory);
    }

    private static StreamDefinition load(Path file) throws IOException {
        try {
            return StreamDefinitionCodec.fromJson(Json.parse(Files.readAllBytes(file)));
        } catch (RuntimeException e) {
            throw new IOException("stream definition " + file + " is damaged: " + e.getMessage(), e);
        }
    }

    Optional<StreamDefinition> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    Optional<StreamDefinition> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Every stream, oldest first (then by name, so that pages are stable). */
    List<StreamDefinition> all() {
        List<StreamDefinition> all = new ArrayList<>(byId.values());
        all.sort(Comparator.comparing(StreamDefinition::createdAt).thenComparing(StreamDefinition::name));
        return all;
    }

    void put(StreamDefinition definition) {
        try {
            AtomicFiles.write(file(definition.id()), Json.toPrettyBytes(StreamDefinitionCodec.toJson(definition)));
        } catch (IOException e) {
            throw new FloeException(ErrorCode.UNAVAILABLE,
                    "cannot save stream '" + definition.name() + "': " + e.getMessage(), e);
        }
        StreamDefinition previous = byId.get(definition.id());
        if (previous != null) {
            byName.remove(previous.name());
        }
        index(definition);
    }

    void remove(StreamDefinition definition) {
        try {
            Files.deleteIfExists(file(definition.id()));
            AtomicFiles.syncDirectory(directory);
        } catch (IOException e) {
            throw new FloeException(ErrorCode.UNAVAILABLE,
                    "cannot delete stream '" + definition.name() + "': " + e.getMessage(), e);
        }
        byId.remove(definition.id());
        byName.remove(definition.name());
    }

    private void index(StreamDefinition definition) {
        byId.put(definition.id(), definition);
        byName.put(definition.name(), definition);
    }

    private Path file(String id) {
        return directory.resolve(id + SUFFIX);
    }
}
