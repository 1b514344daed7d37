package dev.floe.objects.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import dev.floe.objects.Bindings;
import dev.floe.objects.Thing;
import dev.floe.objects.internal.outbox.Outbox;
import dev.floe.objects.internal.outbox.Payloads;
import dev.floe.objects.internal.storage.ObjectDatabase;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The seeds' data model in an object's database: {@code events}, {@code things} and {@code actions},
 * each row written together with its outbox row (when its binding is declared) and stamped with the
 * outbox sequence number it was delivered under.
 */
final class DataModel {
    private final ObjectDatabase db;
    private final Outbox outbox;
    private final Payloads.Origin origin;
    private final Clock clock;
    private final ObjectMapper mapper;
    private final Deque<String> runningActions = new ArrayDeque<>();

    DataModel(ObjectDatabase db, Outbox outbox, Payloads.Origin origin, Clock clock, ObjectMapper mapper) {
        this.db = db;
        this.outbox = outbox;
        this.origin = origin;
        this.clock = clock;
        this.mapper = mapper;
    }

    void emitEvent(String verb, Object data, String source, String sourceType) {
        requireText(verb, "an event's verb");
        String dataJson = objectJson(data, "the data of event " + verb);
        String actionId = runningActions.peek();
        String timestamp = Payloads.timestamp(clock.instant());
        db.atomically(() -> {
            long seq = outbox.append(Bindings.EVENTS, s -> Payloads.event(origin, s, verb, source, sourceType, dataJson,
                    actionId, timestamp));
            db.update("INSERT INTO events (verb, source, sourceType, data, actionId, timestamp, seq) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    verb, source, sourceType, dataJson, actionId, timestamp, seq == 0 ? null : seq);
        });
    }

    Thing putThing(String id, String type, Object data) {
        requireText(id, "a thing's id");
        requireText(type, "a thing's type");
        String dataJson = objectJson(data, "the data of thing " + id);
        Instant now = clock.instant();
        Optional<Thing> previous = thing(id);
        int version = previous.map(Thing::version).orElse(0) + 1;
        Instant createdAt = previous.map(Thing::createdAt).orElse(now);
        String created = Payloads.timestamp(createdAt);
        String updated = Payloads.timestamp(now);
        db.atomically(() -> {
            long seq = outbox.append(Bindings.THINGS, s -> Payloads.thing(origin, s, id, type, version, dataJson, created, updated));
            db.update("INSERT INTO things (id, type, version, data, createdAt, updatedAt, seq) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    id, type, version, dataJson, created, updated, seq == 0 ? null : seq);
        });
        return new Thing(id, type, version, tree(dataJson), createdAt, now);
    }

    Optional<Thing> thing(String id) {
        String sql = "SELECT type, version, data, createdAt, updatedAt FROM things WHERE id = ? ORDER BY version DESC LIMIT 1";
        try {
            PreparedStatement statement = db.prepare(sql);
            ObjectDatabase.bind(statement, id);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Thing(id, row.getString(1), row.getInt(2), tree(row.getString(3)),
                        Instant.parse(row.getString(4)), Instant.parse(row.getString(5))));
            }
        } catch (SQLException e) {
            throw db.failure(sql, e);
        }
    }

    <R> R act(String actor, String verb, String target, Object input, Supplier<R> work) {
        requireText(actor, "an action's actor");
        requireText(verb, "an action's verb");
        requireText(target, "an action's target");
        String id = UUID.randomUUID().toString();
        String inputJson = json(input, "the input of action " + verb);
        String createdAt = Payloads.timestamp(clock.instant());
        runningActions.push(id);
        db.begin();
        R result;
        try {
            result = work.get();
            recordAction(id, actor, verb, target, inputJson, json(result, "the output of action " + verb), "completed", createdAt);
        } catch (RuntimeException | Error e) {
            db.rollback(e);
            runningActions.pop();
            recordAction(id, actor, verb, target, inputJson, json(Map.of("error", String.valueOf(e.getMessage())),
                    "an error"), "failed", createdAt);
            throw e;
        }
        runningActions.pop();
        db.commit();
        return result;
    }

    private void recordAction(String id, String actor, String verb, String target, String inputJson, String outputJson,
                              String status, String createdAt) {
        String completedAt = Payloads.timestamp(clock.instant());
        db.atomically(() -> {
            long seq = outbox.append(Bindings.ACTIONS, s -> Payloads.action(origin, s, id, actor, verb, target, inputJson,
                    outputJson, status, createdAt, completedAt));
            db.update("INSERT INTO actions (id, actor, verb, target, input, output, status, createdAt, completedAt, seq)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", id, actor, verb, target, inputJson, outputJson, status,
                    createdAt, completedAt, seq == 0 ? null : seq);
        });
    }

    private String json(Object value, String what) {
        return JsonText.of(mapper, value, what);
    }

    private String objectJson(Object value, String what) {
        return value == null ? "{}" : JsonText.object(mapper, value, what);
    }

    private JsonNode tree(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new FloeException(ErrorCode.INTERNAL, "stored JSON does not parse: " + e.getOriginalMessage(), e);
        }
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isEmpty()) {
            throw new FloeException(ErrorCode.INVALID_REQUEST, what + " must not be empty");
        }
    }
}
