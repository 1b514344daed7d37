package dev.floe.stream.ingest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Refuses an object that repeats a key, at any depth of a body.
 *
 * <p>This replaces the parser's own duplicate detection, which allocates a hash set for every
 * object of more than two keys: per record that cost about a third of the ingest throughput. Here
 * the keys of the open objects share one reused stack and are compared linearly, by their cached
 * hash codes first, which is cheap for the small objects records are made of; an object with many
 * keys moves to a hash set of its own, so that a hostile one costs linear time. Struct fields of a
 * schema are tracked by {@link StructValidator}'s presence bits instead and never reach here.
 */
final class DuplicateKeyGuard {
    private static final int MAX_LINEAR_KEYS = 16;

    /** The keys of every open object not in a hash set, innermost object last, and their hash codes. */
    private String[] keys = new String[64];
    private int[] hashes = new int[64];
    private int keyCount;
    private OpenObject[] open = new OpenObject[16];
    private int depth;

    private static final class OpenObject {
        int firstKey;
        Set<String> manyKeys;
    }

    void openObject() {
        if (depth == open.length) {
            open = Arrays.copyOf(open, depth * 2);
        }
        OpenObject object = open[depth];
        if (object == null) {
            object = new OpenObject();
            open[depth] = object;
        }
        object.firstKey = keyCount;
        object.manyKeys = null;
        depth++;
    }

    void closeObject() {
        depth--;
        keyCount = open[depth].firstKey;
        open[depth].manyKeys = null;
    }

    /** Adds a key of the innermost open object, throwing if that object already had it. */
    void addKey(JsonParser parser, String key) throws JsonParseException {
        OpenObject object = open[depth - 1];
        if (object.manyKeys != null) {
            if (!object.manyKeys.add(key)) {
                throw duplicate(parser, key);
            }
            return;
        }
        int hash = key.hashCode();
        for (int i = object.firstKey; i < keyCount; i++) {
            if (hashes[i] == hash && keys[i].equals(key)) {
                throw duplicate(parser, key);
            }
        }
        if (keyCount - object.firstKey == MAX_LINEAR_KEYS) {
            object.manyKeys = new HashSet<>(Arrays.asList(keys).subList(object.firstKey, keyCount));
            object.manyKeys.add(key);
            keyCount = object.firstKey;
            return;
        }
        if (keyCount == keys.length) {
            keys = Arrays.copyOf(keys, keyCount * 2);
            hashes = Arrays.copyOf(hashes, keyCount * 2);
        }
        keys[keyCount] = key;
        hashes[keyCount] = hash;
        keyCount++;
    }

    /**
     * Moves the parser past the value starting at {@code token}, checking the keys of every object
     * in it; the parser's own skipping would not see them.
     */
    void skipValue(JsonParser parser, JsonToken token) throws IOException {
        if (!token.isStructStart()) {
            return;
        }
        int nesting = 0;
        for (JsonToken t = token; ; t = parser.nextToken()) {
            switch (t) {
                case START_OBJECT -> {
                    openObject();
                    nesting++;
                }
                case START_ARRAY -> nesting++;
                case END_OBJECT -> {
                    closeObject();
                    nesting--;
                }
                case END_ARRAY -> nesting--;
                case FIELD_NAME -> addKey(parser, parser.currentName());
                default -> {
                    // scalars hold no keys
                }
            }
            if (nesting == 0) {
                return;
            }
        }
    }

    /** The parser's own wording, so that the client sees one message whichever code found it. */
    static JsonParseException duplicate(JsonParser parser, String key) {
        return new JsonParseException(parser, "Duplicate field '" + key + "'");
    }
}
