package dev.floe.storage;

import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The check every bucket makes of a local file before writing an object from it. */
final class SourceFile {
    private SourceFile() {
    }

    /** @throws FloeException {@code INVALID_REQUEST} when {@code source} is not a regular file */
    static void requireRegularFile(Path source, String key, Bucket bucket) {
        if (!Files.isRegularFile(source)) {
            throw new FloeException(ErrorCode.INVALID_REQUEST, "cannot write '" + key + "' to " + bucket.location()
                    + ": " + source + (Files.exists(source) ? " is not a regular file" : " does not exist"));
        }
    }
}
