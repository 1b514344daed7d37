package dev.floe.objects.internal.storage;

/** Hears every key-value put and delete, and every captured row change, inside their transaction. */
@FunctionalInterface
public interface StateChanges {
    /** @param valueJson the new value as JSON text, or null for a delete */
    void changed(String key, String valueJson);
}
