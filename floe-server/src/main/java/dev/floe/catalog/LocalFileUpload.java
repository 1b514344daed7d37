package dev.floe.catalog;

import java.nio.file.Path;

/**
 * A bucket's files that take a complete local file whole: moved into place in a local bucket (a hard
 * link, no copy, when both are on one file system), uploaded to S3. For maintenance, which writes its
 * files locally before they join a table.
 */
public interface LocalFileUpload {

    /**
     * Puts {@code file} at {@code location}, which must not exist yet; the local file is consumed.
     * Readers see the whole file or none.
     *
     * @throws org.apache.iceberg.exceptions.ForbiddenException when the location is outside the bucket
     * @throws org.apache.iceberg.exceptions.AlreadyExistsException when a file is already there
     */
    void upload(Path file, String location);
}
