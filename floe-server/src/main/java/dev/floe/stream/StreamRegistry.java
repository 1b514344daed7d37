package dev.floe.stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.floe.io.JsonFileRegistry;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stream definitions, one JSON file each under a directory (named by id), and an in-memory index
 * by name. Writers must hold the service's control lock; reads are lock-free.
 */
final class StreamRegistry {
    private static final JsonFileRegistry.Codec<StreamDefinition> CODEC = new JsonFileRegistry.Codec<>() {
        @Override
        public String key(StreamDefinition definition) {
            return definition.id();
        }

        @Override
        public String describe(StreamDefinition definition) {
            return "stream '" + definition.name() + "'";
        }

        @Override
        public JsonNode toJson(StreamDefinition definition) {
            return StreamDefinitionCodec.toJson(definition);
        }

        @Override
        public StreamDefinition fromJson(JsonNode json) {
            return StreamDefinitionCodec.fromJson(json);
        }
    };

    private final JsonFileRegistry<StreamDefinition> files;
    private final Map<String, StreamDefinition> byName = new ConcurrentHashMap<>();

    StreamRegistry(Path directory) {
        this.files = new JsonFileRegistry<>(directory, CODEC);
        files.all().forEach(definition -> byName.put(definition.name(), definition));
    }

    Optional<StreamDefinition> byId(String id) {
        return files.get(id);
    }

    Optional<StreamDefinition> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Every stream, oldest first (then by name, so that pages are stable). */
    List<StreamDefinition> all() {
        List<StreamDefinition> all = files.all();
        all.sort(Comparator.comparing(StreamDefinition::createdAt).thenComparing(StreamDefinition::name));
        return all;
    }

    void put(StreamDefinition definition) {
        Optional<StreamDefinition> previous = files.get(definition.id());
        files.put(definition);
        previous.ifPresent(old -> byName.remove(old.name()));
        byName.put(definition.name(), definition);
    }

    void remove(StreamDefinition definition) {
        files.remove(definition);
        byName.remove(definition.name());
    }
}
