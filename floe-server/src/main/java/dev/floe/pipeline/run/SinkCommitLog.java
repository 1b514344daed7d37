package dev.floe.pipeline.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import dev.floe.io.AtomicFiles;
import dev.floe.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The durable commit record of one sink of one pipeline: a small JSON file replaced atomically (and
 * fsynced) at each step of a roll, so that after a crash it holds the last step that completed.
 */
final class SinkCommitLog {
    private final Path file;

    SinkCommitLog(Path file) {
        this.file = file;
    }

    /** The recorded state, or the initial one for a sink that never rolled. */
    SinkCommitState read() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return SinkCommitState.INITIAL;
        } catch (IOException e) {
            throw new FloeException(ErrorCode.UNAVAILABLE, "cannot read the commit record " + file + ": "
                    + e.getMessage(), e);
        }
        try {
            return fromJson(Json.parse(bytes));
        } catch (IOException | RuntimeException e) {
            throw new FloeException(ErrorCode.INTERNAL, "the commit record " + file + " is damaged (" + e.getMessage()
                    + "); restore it from a backup, or delete the pipeline and create it again", e);
        }
    }

    void write(SinkCommitState state) {
        try {
            AtomicFiles.write(file, Json.toBytes(toJson(state)));
        } catch (IOException e) {
            throw new FloeException(ErrorCode.UNAVAILABLE, "cannot write the commit record " + file + ": "
                    + e.getMessage(), e);
        }
    }

    static ObjectNode toJson(SinkCommitState state) {
        ObjectNode json = Json.object();
        json.put("committed_end", state.committedEnd());
        json.put("next_serial", state.nextSerial());
        json.put("commits", state.commits());
        if (state.pending() != null) {
            SinkCommitState.Intent intent = state.pending();
            ObjectNode pending = json.putObject("pending");
            pending.put("commit", intent.commit());
            pending.put("offset_start", intent.offsetStart());
            pending.put("offset_end", intent.offsetEnd());
            pending.put("next_serial", intent.nextSerial());
            ArrayNode keys = pending.putArray("keys");
            intent.keys().forEach(keys::add);
        }
        return json;
    }

    static SinkCommitState fromJson(JsonNode json) {
        SinkCommitState.Intent intent = null;
        JsonNode pending = json.get("pending");
        if (pending != null && !pending.isNull()) {
            List<String> keys = new ArrayList<>();
            required(pending, "keys").forEach(key -> keys.add(key.asText()));
            intent = new SinkCommitState.Intent(required(pending, "commit").asLong(),
                    required(pending, "offset_start").asLong(), required(pending, "offset_end").asLong(),
                    required(pending, "next_serial").asLong(), keys);
        }
        return new SinkCommitState(required(json, "committed_end").asLong(), required(json, "next_serial").asLong(),
                required(json, "commits").asLong(), intent);
    }

    private static JsonNode required(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("'" + field + "' is missing");
        }
        return value;
    }
}
