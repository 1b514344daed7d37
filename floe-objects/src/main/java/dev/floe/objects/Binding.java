package dev.floe.objects;

/**
 * A stream an object sends records to, through its outbox: {@link #send(Object)} writes the record in
 * the call's transaction, and the relay delivers it after the call commits. Get one from
 * {@link Env#binding(String)}.
 */
public interface Binding {

    /** The binding's name, such as {@code EVENTS}. */
    String name();

    /** The stream it delivers to. */
    String stream();

    /** Queues one record (a map, a Java record, a POJO or a Jackson node that makes a JSON object). */
    void send(Object record);
}
