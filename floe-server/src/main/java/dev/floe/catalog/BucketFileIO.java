package dev.floe.catalog;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.exceptions.ForbiddenException;
import org.apache.iceberg.io.DelegateFileIO;
import org.apache.iceberg.io.FileInfo;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bucket's files as Iceberg reads and writes them, confined to the bucket: reading or writing a
 * location outside it (a registered table's metadata elsewhere) is refused with
 * {@link ForbiddenException}, and deleting one (purging a table whose client wrote data files
 * elsewhere) is skipped, so that no catalog request touches anything the bucket does not hold,
 * whatever the server's own access to the file system or the store.
 */
final class BucketFileIO implements DelegateFileIO, LocalFileUpload {
    private static final Logger LOG = LoggerFactory.getLogger(BucketFileIO.class);
    private final DelegateFileIO files;
    private final String root;
    private final String bucket;

    /**
     * @param files  the bucket's kind of files: {@link LocalFileIO} or {@code S3FileIO}
     * @param root   the bucket's own location, without a trailing slash ({@code file:///…/buckets/b},
     *               {@code s3://remote-bucket})
     * @param bucket the bucket's name, for messages
     */
    BucketFileIO(DelegateFileIO files, String root, String bucket) {
        this.files = files;
        this.root = root;
        this.bucket = bucket;
    }

    String root() {
        return root;
    }

    /** Whether a location is inside the bucket; {@code ..} never climbs out of it. */
    boolean contains(String location) {
        if (location == null) {
            return false;
        }
        if (root.startsWith("file:")) {
            return location.startsWith("file:") && LocalFileIO.path(location).startsWith(LocalFileIO.path(root))
                    && !LocalFileIO.path(location).equals(LocalFileIO.path(root));
        }
        return location.startsWith(root + "/") && !location.contains("/../");
    }

    private String check(String location) {
        if (!contains(location)) {
            throw new ForbiddenException("Location %s is outside bucket '%s' (%s): the catalog keeps its tables' "
                    + "files in their bucket", location, bucket, root);
        }
        return location;
    }

    @Override
    public InputFile newInputFile(String location) {
        return files.newInputFile(check(location));
    }

    @Override
    public InputFile newInputFile(String location, long length) {
        return files.newInputFile(check(location), length);
    }

    @Override
    public OutputFile newOutputFile(String location) {
        return files.newOutputFile(check(location));
    }

    @Override
    public void upload(Path file, String location) {
        check(location);
        if (files instanceof LocalFileIO local) {
            local.moveIn(file, location);
            return;
        }
        try (OutputStream out = files.newOutputFile(location).create()) {
            Files.copy(file, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot upload " + file + " to " + location, e);
        }
    }

    @Override
    public void deleteFile(String location) {
        if (deletable(location)) {
            files.deleteFile(location);
        }
    }

    @Override
    public void deleteFiles(Iterable<String> locations) {
        List<String> inside = new ArrayList<>();
        locations.forEach(location -> {
            if (deletable(location)) {
                inside.add(location);
            }
        });
        files.deleteFiles(inside);
    }

    private boolean deletable(String location) {
        if (contains(location)) {
            return true;
        }
        LOG.warn("Not deleting {}: it is outside bucket '{}'", location, bucket);
        return false;
    }

    @Override
    public Iterable<FileInfo> listPrefix(String prefix) {
        return files.listPrefix(check(prefix));
    }

    @Override
    public void deletePrefix(String prefix) {
        if (deletable(prefix)) {
            files.deletePrefix(prefix);
        }
    }

    @Override
    public Map<String, String> properties() {
        return files.properties();
    }

    @Override
    public void close() {
        files.close();
    }
}
