package dev.floe.catalog;

import java.util.Map;
import org.apache.iceberg.exceptions.ForbiddenException;
import org.apache.iceberg.io.DelegateFileIO;
import org.apache.iceberg.io.FileInfo;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;

/**
 * A bucket's files as Iceberg reads and writes them, confined to the bucket: a location outside it
 * (a client's requested location, a registered table's metadata, a commit that moves a table) is
 * refused with {@link ForbiddenException}, so that no catalog request reads or writes anything the
 * bucket does not hold, whatever the server's own access to the file system or the store.
 */
final class BucketFileIO implements DelegateFileIO {
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
    public void deleteFile(String location) {
        files.deleteFile(check(location));
    }

    @Override
    public void deleteFiles(Iterable<String> locations) {
        locations.forEach(this::check);
        files.deleteFiles(locations);
    }

    @Override
    public Iterable<FileInfo> listPrefix(String prefix) {
        return files.listPrefix(check(prefix));
    }

    @Override
    public void deletePrefix(String prefix) {
        files.deletePrefix(check(prefix));
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
