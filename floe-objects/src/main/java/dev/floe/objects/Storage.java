package dev.floe.objects;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.Supplier;

/**
 * An object's durable storage: its SQLite database ({@link #sql()}), a key-value API over a table in
 * it, and its one alarm. Everything written during a call commits when the call returns and is rolled
 * back when it throws. Every key-value put and delete is also captured as a state change (delivered
 * to the {@code STATE} binding, when bound) in the same transaction.
 */
public interface Storage {

    SqlStorage sql();

    /**
     * Runs {@code work} as one unit: its writes commit together or, when it throws, are all undone
     * (then the exception is rethrown). Inside a call's transaction it is a nested one (a savepoint).
     */
    <R> R transactionSync(Supplier<R> work);

    /** {@link #transactionSync(Supplier)} for work without a result. */
    void transactionSync(Runnable work);

    /** The value stored under {@code key}, as JSON. */
    Optional<JsonNode> get(String key);

    /** The value stored under {@code key}, converted by Jackson to {@code type}. */
    <V> Optional<V> get(String key, Class<V> type);

    /** Stores {@code value} (anything Jackson turns into JSON) under {@code key}, replacing what was there. */
    void put(String key, Object value);

    /** Removes {@code key}; returns whether it was there. */
    boolean delete(String key);

    /** Every key that starts with {@code prefix} (all keys for ""), in key order, with its value. */
    SortedMap<String, JsonNode> list(String prefix);

    /**
     * Sets the object's alarm, replacing any other: at {@code time} the runtime calls
     * {@link DurableObject#alarm(AlarmInfo)}, loading the object if it was evicted or the application
     * restarted. A time in the past fires at once.
     */
    void setAlarm(Instant time);

    Optional<Instant> getAlarm();

    void deleteAlarm();
}
