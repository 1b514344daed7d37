package dev.floe.objects;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the runtime gives an object: its id, storage and environment, and the built-in data model of
 * events, things and actions. Every write here is part of the running call's transaction, together
 * with its outbox row, so a record is delivered exactly when the state change that caused it commits.
 */
public interface ObjectContext {

    ObjectId<?> id();

    Storage storage();

    Env env();

    /** The runtime's clock, which stamps every record. */
    Instant now();

    /**
     * Appends to the {@code events} table and the {@code EVENTS} outbox an event whose source is this
     * object; its {@code actionId} is the action running in {@link #act}, if any.
     *
     * @param data anything Jackson turns into a JSON object
     */
    void emitEvent(String verb, Object data);

    /** {@link #emitEvent(String, Object)} with another source, such as {@code Human/nathan} of type {@code Human}. */
    void emitEvent(String verb, Object data, String source, String sourceType);

    /** Writes the next version of the thing {@code id} of {@code type} to {@code things} and the {@code THINGS} outbox. */
    Thing putThing(String id, String type, Object data);

    /** The newest version of the thing {@code id}. */
    Optional<Thing> thing(String id);

    /**
     * Runs {@code work} as an action of {@code actor} on {@code target} and records it in {@code actions}
     * and the {@code ACTIONS} outbox: {@code completed} with the work's result as output, or, when the work
     * throws, {@code failed} with the error as output after its writes are undone; the exception is then
     * rethrown, so the failure's record is kept only when the call catches it and returns normally.
     */
    <R> R act(String actor, String verb, String target, Object input, Supplier<R> work);
}
