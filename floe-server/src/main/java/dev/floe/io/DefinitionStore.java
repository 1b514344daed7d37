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
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Definitions of one kind (streams, sinks, …), one file each in a directory, indexed by id and by
 * name in memory. Each file is replaced atomically, so a crash leaves every definition either as it
 * was or as it became; files are readable by their owner only. Writers must serialize their changes (the owning service holds a lock);
 * reads are lock-free.
 *
 * @param <T> the definition type
 */
public final class DefinitionStore<T> {
    private static final String SUFFIX = ".json";
    private static final SecureRandom ID_RANDOM = new SecureRandom();
    private static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9_]+$");
    private static final int MAX_NAME_LENGTH = 128;

    /** How a definition is identified and turned into JSON and back. */
    public interface Codec<T> {
        /** Unique among the definitions and usable as a file name; may be the name itself. */
        String id(T definition);

        String name(T definition);

        JsonNode toJson(T definition);

        /** Reads what {@link #toJson} wrote; throws a runtime exception on damaged content. */
        T fromJson(JsonNode json);

        /** A codec from its four functions. */
        static <T> Codec<T> of(Function<T, String> id, Function<T, String> name, Function<T, JsonNode> toJson,
                               Function<JsonNode, T> fromJson) {
            return new Codec<>() {
                @Override
                public String id(T definition) {
                    return id.apply(definition);
                }

                @Override
                public String name(T definition) {
                    return name.apply(definition);
                }

                @Override
                public JsonNode toJson(T definition) {
                    return toJson.apply(definition);
                }

                @Override
                public T fromJson(JsonNode json) {
                    return fromJson.apply(json);
                }
            };
        }
    }

    private final Path directory;
    private final String kind;
    private final Codec<T> codec;
    private final Map<String, T> byId = new ConcurrentHashMap<>();
    private final Map<String, T> byName = new ConcurrentHashMap<>();

    /**
     * Loads every definition in {@code directory}.
     *
     * @param kind what the definitions are, for messages ("stream", "sink")
     */
    public DefinitionStore(Path directory, String kind, Codec<T> codec) {
        this.directory = directory;
        this.kind = kind;
        this.codec = codec;
        try {
            Files.createDirectories(directory);
            AtomicFiles.deleteLeftoverTemporaryFiles(directory);
            try (var files = Files.list(directory)) {
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).toList()) {
                    index(load(file));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the " + kind + " definitions in " + directory, e);
        }
    }

    private T load(Path file) throws IOException {
        try {
            return codec.fromJson(Json.parse(Files.readAllBytes(file)));
        } catch (IOException | RuntimeException e) {
            throw new IOException(kind + " definition " + file + " is damaged: " + e.getMessage(), e);
        }
    }

    /**
     * Checks a name given to a stream, sink or pipeline: Cloudflare's rule, letters, digits and
     * underscores, at most 128 characters (names become SQL identifiers in pipelines).
     */
    public static void validateName(String kind, String name) {
        if (name == null || name.isEmpty()) {
            throw new FloeException(ErrorCode.INVALID_REQUEST, kind + " name is required");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new FloeException(ErrorCode.INVALID_REQUEST,
                    kind + " name is " + name.length() + " characters long; the limit is " + MAX_NAME_LENGTH);
        }
        if (!NAME.matcher(name).matches()) {
            throw new FloeException(ErrorCode.INVALID_REQUEST, kind + " name '" + name
                    + "' is invalid: use only letters, digits and underscores");
        }
    }

    /** A new id: 32 lowercase hex digits, like Cloudflare's. */
    public static String newId() {
        byte[] bytes = new byte[16];
        ID_RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public Optional<T> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Optional<T> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The definition with this id, or else this name. */
    public Optional<T> byIdOrName(String idOrName) {
        return byId(idOrName).or(() -> byName(idOrName));
    }

    public List<T> all(Comparator<T> order) {
        List<T> all = new ArrayList<>(byId.values());
        all.sort(order);
        return all;
    }

    /** Saves a new or changed definition durably, then makes it visible. */
    public void put(T definition) {
        String id = codec.id(definition);
        try {
            // Owner-only: a definition may hold credentials.
            AtomicFiles.writeOwnerOnly(file(id), Json.toPrettyBytes(codec.toJson(definition)));
        } catch (IOException e) {
            throw new FloeException(ErrorCode.UNAVAILABLE,
                    "cannot save " + kind + " '" + codec.name(definition) + "': " + e.getMessage(), e);
        }
        T previous = byId.get(id);
        if (previous != null) {
            byName.remove(codec.name(previous));
        }
        index(definition);
    }

    /** Deletes a definition durably. */
    public void remove(T definition) {
        String id = codec.id(definition);
        try {
            Files.deleteIfExists(file(id));
            AtomicFiles.syncDirectory(directory);
        } catch (IOException e) {
            throw new FloeException(ErrorCode.UNAVAILABLE,
                    "cannot delete " + kind + " '" + codec.name(definition) + "': " + e.getMessage(), e);
        }
        byId.remove(id);
        byName.remove(codec.name(definition));
    }

    private void index(T definition) {
        byId.put(codec.id(definition), definition);
        byName.put(codec.name(definition), definition);
    }

    private Path file(String id) {
        return directory.resolve(id + SUFFIX);
    }
}
