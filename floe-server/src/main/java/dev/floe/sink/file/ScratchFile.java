package dev.floe.sink.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * A sink's file written in the engine's scratch directory and not uploaded yet; closing it deletes it.
 *
 * @param rows how many rows it holds
 */
public record ScratchFile(Path path, long rows) implements AutoCloseable {

    /** Failing to delete a scratch file loses disk space, not data: it must not fail a roll. */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LoggerFactory.getLogger(ScratchFile.class).warn("Cannot delete the scratch file {}; delete it by hand: {}",
                    path, e.toString());
        }
    }
}
