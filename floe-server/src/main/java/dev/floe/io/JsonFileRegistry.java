package dev.floe.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import dev.floe.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Definitions of one kind (streams, buckets …), one JSON file each in a directory, loaded at start and
 * kept in memory by their key. A file is written atomically before the definition is indexed, so what
 * the registry answers is always on disk.
 *
 * <p>Files are readable by their owner only: a definition may hold credentials.
 *
 * <p>Writers must serialize their changes (the owning service holds a lock); reads are lock-free.
 */
public final class JsonFileRegistry<T> {
    private static final Logger LOG = LoggerFactory.getLogger(JsonFileRegistry.class);
    private static final String SUFFIX = ".json";

    /** How the definitions of one kind are keyed, named in messages, and turned into JSON and back. */
    public interface Codec<T> {
        /** Unique among the definitions, and usable as a file name. */
        String key(T definition);

        /** The definition as messages name it, such as {@code stream 'orders'}. */
        String describe(T definition);

        JsonNode toJson(T definition);

        /** Reads what {@link #toJson} wrote; throws a runtime exception when it cannot. */
        T fromJson(JsonNode json);
    }

    private final Path directory;
    private final Codec<T> codec;
    private final Map<String, T> byKey = new ConcurrentHashMap<>();

    /**
     * Loads every definition in {@code directory}, creating it when missing.
     *
     * @throws UncheckedIOException when the directory cannot be read or a file is damaged
     */
    public JsonFileRegistry(Path directory, Codec<T> codec) {
        this.directory = directory;
        this.codec = codec;
        try {
            Files.createDirectories(directory);
            AtomicFiles.deleteLeftoverTemporaryFiles(directory);
            try (var files = Files.list(directory)) {
                for (Path file : files.filter(this::isDefinitionFile).toList()) {
                    T definition = load(file);
                    byKey.put(codec.key(definition), definition);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the definitions in " + directory, e);
        }
        LOG.debug("Loaded {} definitions from {}", byKey.size(), directory);
    }

    private boolean isDefinitionFile(Path file) {
        return Files.isRegularFile(file) && file.getFileName().toString().endsWith(SUFFIX);
    }

    private T load(Path file) throws IOException {
        try {
            return codec.fromJson(Json.parse(Files.readAllBytes(file)));
        } catch (RuntimeException e) {
            throw new IOException("definition file " + file + " is damaged: " + e.getMessage(), e);
        }
    }

    public Optional<T> get(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    /** Every definition, in no particular order. */
    public List<T> all() {
        return new ArrayList<>(byKey.values());
    }

    /**
     * Saves a new or changed definition.
     *
     * @throws FloeException {@code UNAVAILABLE} when the file cannot be written
     */
    public void put(T definition) {
        try {
            AtomicFiles.writeOwnerOnly(file(codec.key(definition)), Json.toPrettyBytes(codec.toJson(definition)));
        } catch (IOException e) {
            throw new FloeException(ErrorCode.UNAVAILABLE,
                    "cannot save " + codec.describe(definition) + ": " + e.getMessage(), e);
        }
        byKey.put(codec.key(definition), definition);
    }

    /**
     * Deletes a definition's file.
     *
     * @throws FloeException {@code UNAVAILABLE} when the file cannot be deleted
     */
    public void remove(T definition) {
        try {
            Files.deleteIfExists(file(codec.key(definition)));
            AtomicFiles.syncDirectory(directory);
        } catch (IOException e) {
            throw new FloeException(ErrorCode.UNAVAILABLE,
                    "cannot delete " + codec.describe(definition) + ": " + e.getMessage(), e);
        }
        byKey.remove(codec.key(definition));
    }

    private Path file(String key) {
        return directory.resolve(key + SUFFIX);
    }
}
