package dev.floe.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * A batch of records written by {@link BatchLoader#write} into the engine's work directory, ready to
 * be read by DuckDB; closing it deletes the file.
 *
 * @param path        the newline-delimited JSON file
 * @param records     how many records it holds
 * @param longestLine the length of its longest line, which the reader must be told to expect
 * @param hiddenKeys  whether each line carries its record's offset and ingest time
 */
public record BatchFile(Path path, int records, int longestLine, boolean hiddenKeys) implements AutoCloseable {

    /** Deletes the file; failing to loses disk space, not data, so it is logged rather than thrown. */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LoggerFactory.getLogger(BatchFile.class).warn("Cannot delete the batch file {}; delete it by hand: {}",
                    path, e.toString());
        }
    }
}
