package dev.floe.catalog;

import dev.floe.io.AtomicFiles;
import java.io.IOException;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.NotFoundException;
import org.apache.iceberg.io.DelegateFileIO;
import org.apache.iceberg.io.FileInfo;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.io.PositionOutputStream;
import org.apache.iceberg.io.SeekableInputStream;

/**
 * Iceberg's files in a local bucket, with plain file-system calls: no Hadoop. Locations are
 * {@code file://} and an absolute path ({@code file:///var/lib/floe/buckets/b/__catalog/db/t}), the
 * path taken as it is (not percent-decoded), so any table name maps to a file name.
 *
 * <p>A file is written in the staging folder (or, without one, beside its target under a hidden
 * name), fsynced, then moved into place: a reader (another engine, or a crash's survivor) sees a
 * whole file or none. {@link OutputFile#create()} refuses to
 * replace an existing file, atomically (a hard link cannot replace anything). Deleting a file removes
 * the folders it leaves empty, as the bucket itself does.
 */
public final class LocalFileIO implements DelegateFileIO {
    private static final String SCHEME = "file:";

    private final Path staging;

    /** @param staging where files are prepared; on the bucket's file system, outside the bucket */
    public LocalFileIO(Path staging) {
        this.staging = staging;
    }

    /** For Iceberg clients that load a FileIO by class name ({@code io-impl}) to read and write a local bucket. */
    public LocalFileIO() {
        this(null);
    }

    /** The location of a local path. */
    public static String location(Path path) {
        return "file://" + path.toAbsolutePath().normalize();
    }

    /** The local path of a location, normalized, so that a caller can check where it really is. */
    public static Path path(String location) {
        if (!location.startsWith(SCHEME)) {
            throw new IllegalArgumentException("not a local file location: " + location);
        }
        String rest = location.substring(SCHEME.length());
        // file:///a/b and file:/a/b are the same file.
        while (rest.startsWith("//")) {
            rest = rest.substring(1);
        }
        return Path.of(rest).normalize();
    }

    @Override
    public InputFile newInputFile(String location) {
        return new LocalInput(location, path(location));
    }

    @Override
    public OutputFile newOutputFile(String location) {
        return new LocalOutput(location, path(location));
    }

    /**
     * Moves a complete local file to a location: fsynced, then hard-linked into place (refusing to
     * replace a file, atomically) and unlinked from where it was; copied when the two are on different
     * file systems.
     */
    void moveIn(Path file, String location) {
        Path target = path(location);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        try {
            place(file, target, location, false);
            Files.delete(file);
        } catch (FileSystemException e) {
            if (e instanceof FileAlreadyExistsException) {
                throw new AlreadyExistsException(e, "File already exists: %s", location);
            }
            // most likely another file system: copy it through a staged file
            try (PositionOutputStream out = newOutputFile(location).create()) {
                Files.copy(file, out);
            } catch (IOException copy) {
                throw new UncheckedIOException("cannot write " + target, copy);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    /**
     * Puts a complete, fsynced file in place durably: creates the folders, then renames it over the
     * target ({@code overwrite}) or hard-links it there (which never replaces a file), and fsyncs the
     * folder.
     */
    private static void place(Path complete, Path target, String location, boolean overwrite) throws IOException {
        Files.createDirectories(target.getParent());
        if (overwrite) {
            Files.move(complete, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } else {
            Files.createLink(target, complete);
        }
        AtomicFiles.syncDirectory(target.getParent());
    }

    @Override
    public void deleteFile(String location) {
        Path file = path(location);
        try {
            Files.deleteIfExists(file);
            removeEmptyParents(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }

    @Override
    public void deleteFiles(Iterable<String> locations) {
        locations.forEach(this::deleteFile);
    }

    /** Every file under the folder; one deleted while it is listed (a writer's staged file) is left out. */
    @Override
    public Iterable<FileInfo> listPrefix(String prefix) {
        Path folder = path(prefix);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<FileInfo> files = new ArrayList<>();
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile()) {
                        files.add(new FileInfo(location(file), attributes.size(),
                                attributes.lastModifiedTime().toMillis()));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
        return files;
    }

    @Override
    public void deletePrefix(String prefix) {
        Path folder = path(prefix);
        try {
            if (Files.isDirectory(folder)) {
                AtomicFiles.deleteTree(folder);
            }
            removeEmptyParents(folder.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + folder, e);
        }
    }

    /** Removes empty folders upwards, stopping at the first that holds anything (the bucket's root always does). */
    private static void removeEmptyParents(Path folder) throws IOException {
        Path current = folder;
        while (current != null) {
            try {
                Files.delete(current);
            } catch (DirectoryNotEmptyException | NoSuchFileException e) {
                return;
            }
            current = current.getParent();
        }
    }

    private record LocalInput(String location, Path file) implements InputFile {
        @Override
        public long getLength() {
            try {
                return Files.size(file);
            } catch (NoSuchFileException e) {
                throw new NotFoundException(e, "File does not exist: %s", location);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }

        @Override
        public SeekableInputStream newStream() {
            try {
                return new ChannelInputStream(FileChannel.open(file, StandardOpenOption.READ));
            } catch (NoSuchFileException e) {
                // Hadoop's wording, which clients (and the REST Compatibility Kit) know.
                throw new NotFoundException(e, "Failed to open input stream for file: %s", location);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }

        @Override
        public boolean exists() {
            return Files.isRegularFile(file);
        }
    }

    private final class LocalOutput implements OutputFile {
        private final String location;
        private final Path file;

        private LocalOutput(String location, Path file) {
            this.location = location;
            this.file = file;
        }

        @Override
        public PositionOutputStream create() {
            if (Files.exists(file)) {
                throw new AlreadyExistsException("File already exists: %s", location);
            }
            return open(false);
        }

        @Override
        public PositionOutputStream createOrOverwrite() {
            return open(true);
        }

        private PositionOutputStream open(boolean overwrite) {
            try {
                Path folder = staging != null ? staging : file.getParent();
                Files.createDirectories(folder);
                Path temporary = folder.resolve(".iceberg-" + UUID.randomUUID() + ".tmp");
                return new StagedOutputStream(FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE), temporary, file, location, overwrite);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
        }

        @Override
        public String location() {
            return location;
        }

        @Override
        public InputFile toInputFile() {
            return new LocalInput(location, file);
        }
    }

    /** Writes a staged file and, when closed, puts it in place. */
    private static final class StagedOutputStream extends PositionOutputStream {
        private final FileChannel channel;
        private final Path temporary;
        private final Path target;
        private final String location;
        private final boolean overwrite;
        private final OutputStream out;
        private long position;
        private boolean closed;

        StagedOutputStream(FileChannel channel, Path temporary, Path target, String location, boolean overwrite) {
            this.channel = channel;
            this.temporary = temporary;
            this.target = target;
            this.location = location;
            this.overwrite = overwrite;
            this.out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
        }

        @Override
        public long getPos() {
            return position;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            position++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            position += length;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                out.flush();
                channel.force(true);
                channel.close();
                place(temporary, target, location, overwrite);
            } catch (FileAlreadyExistsException e) {
                throw new AlreadyExistsException(e, "File already exists: %s", location);
            } finally {
                channel.close();
                Files.deleteIfExists(temporary);
            }
        }
    }

    /** Reads a file through a channel, which seeks by moving its position. */
    private static final class ChannelInputStream extends SeekableInputStream {
        private final FileChannel channel;
        private final ByteBuffer single = ByteBuffer.allocate(1);

        ChannelInputStream(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public long getPos() throws IOException {
            return channel.position();
        }

        @Override
        public void seek(long position) throws IOException {
            channel.position(position);
        }

        @Override
        public int read() throws IOException {
            single.clear();
            int read = channel.read(single);
            return read <= 0 ? -1 : single.get(0) & 0xff;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            return channel.read(ByteBuffer.wrap(bytes, offset, length));
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
