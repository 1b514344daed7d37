package dev.floe.objects;

/** What an object reaches beyond itself: other objects, and its bindings to streams. */
public interface Env {

    /**
     * A stub of another object. Calling it from inside a call waits for that object; a chain of calls
     * that comes back to an object already in it fails at once with {@code CONFLICT} instead of waiting
     * forever.
     */
    <T extends DurableObject> ObjectStub<T> get(ObjectId<T> id);

    /**
     * The binding named {@code name}.
     *
     * @throws dev.floe.error.FloeException {@code NOT_FOUND} when the application declares no such binding
     */
    Binding binding(String name);

    /** Whether the application declares the binding {@code name}. */
    boolean hasBinding(String name);
}
