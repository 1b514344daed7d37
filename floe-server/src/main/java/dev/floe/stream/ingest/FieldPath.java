package dev.floe.stream.ingest;

import java.util.Arrays;

/**
 * Where in a record the validator is, as a stack of field names and list indices, rendered only when
 * an error needs it ({@code user.address.zip}, {@code tags[2]}, {@code items[0].sku}).
 */
final class FieldPath {
    private String[] names = new String[16];
    private int[] indices = new int[16];
    private int depth;

    void pushField(String name) {
        ensureRoom();
        names[depth] = name;
        depth++;
    }

    void pushIndex(int index) {
        ensureRoom();
        names[depth] = null;
        indices[depth] = index;
        depth++;
    }

    void pop() {
        depth--;
    }

    /** The path, or "" at the record itself. */
    String render() {
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            if (names[i] == null) {
                path.append('[').append(indices[i]).append(']');
            } else {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(names[i]);
            }
        }
        return path.toString();
    }

    private void ensureRoom() {
        if (depth == names.length) {
            names = Arrays.copyOf(names, depth * 2);
            indices = Arrays.copyOf(indices, depth * 2);
        }
    }
}
