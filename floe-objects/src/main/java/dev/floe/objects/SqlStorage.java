package dev.floe.objects;

/** The object's own SQLite database, as {@code ctx.storage.sql} is a Durable Object's. */
public interface SqlStorage {

    /**
     * Runs one statement with {@code ?} placeholders bound to {@code bindings} (null, strings, numbers,
     * booleans as 0/1, byte arrays) and returns its rows. Inside a call it is part of the call's
     * transaction; transaction statements (BEGIN, COMMIT, SAVEPOINT…) are refused: use
     * {@link Storage#transactionSync}.
     *
     * @throws dev.floe.error.FloeException {@code INVALID_REQUEST} with SQLite's message when the statement
     *     fails
     */
    SqlCursor exec(String query, Object... bindings);

    /** The size of the database file in bytes. */
    long databaseSize();
}
