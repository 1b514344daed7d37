package dev.floe.sink.file;

import dev.floe.engine.ParquetConcatenation;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.util.zip.GZIPOutputStream;

/**
 * One file of a sink written in parts, each the rows of a query written by DuckDB as soon as they are
 * known, then joined in order: a roll's file can be written while its later events are still being
 * read, and at the roll only the last part is left to write. Parquet parts (each with its bloom
 * filters) are joined by copying their row groups ({@link ParquetConcatenation}); JSON parts, written
 * plain, by copying their lines, through gzip when the sink asks for it.
 *
 * <p>A file of one part is that part as DuckDB wrote it (gzipped when asked): no copy. Made by
 * {@link SinkFiles#startFile}; not thread-safe.
 */
public final class FileInParts implements AutoCloseable {
    private static final int GZIP_LEVEL = 3;
    private static final int GZIP_BUFFER_BYTES = 1 << 16;

    private final SinkFiles files;
    private final boolean parquet;
    private final boolean gzipped;
    /** The only part so far, not copied anywhere yet; null once a second came, or before the first. */
    private ScratchFile onlyPart;
    /** The joined file, once there are two parts or a gzipped one. */
    private ScratchFile joined;
    private ParquetConcatenation concatenation;
    private OutputStream lines;
    private long rows;
    private boolean finished;

    FileInParts(SinkFiles files, boolean parquet, boolean gzipped) {
        this.files = files;
        this.parquet = parquet;
        this.gzipped = gzipped;
    }

    /**
     * Writes the rows of {@code query}, in its order, after those of the parts before; a part without
     * rows adds nothing.
     *
     * @param query a SELECT of the sink's output columns
     * @return whether the part joined the file: not when DuckDB wrote a Parquet part of another schema
     *         than the parts before (see {@link ParquetConcatenation#append}), which leaves the file as
     *         it was
     * @throws dev.floe.error.FloeException as {@link SinkFiles#writeScratch} does; the parts written
     *                                      before are kept
     */
    public boolean append(Connection connection, String query) {
        ScratchFile part = files.writePart(connection, query);
        if (joined == null && (onlyPart == null || onlyPart.rows() == 0)) {
            if (onlyPart != null) {
                onlyPart.close();
            }
            onlyPart = part;
            rows = part.rows();
            return true;
        }
        try (part) {
            if (part.rows() == 0) {
                return true;
            }
            if (joined == null) {
                startJoining();
            }
            if (!join(part)) {
                return false;
            }
            rows += part.rows();
            return true;
        }
    }

    private void startJoining() {
        joined = new ScratchFile(files.newScratchFile(), 0);
        try {
            if (parquet) {
                Files.delete(joined.path());
                concatenation = ParquetConcatenation.create(joined.path());
            } else {
                OutputStream plain = Channels.newOutputStream(FileChannel.open(joined.path(), StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING));
                lines = gzipped ? new GZIPOutputStream(plain, GZIP_BUFFER_BYTES) {
                    {
                        def.setLevel(GZIP_LEVEL);
                    }
                } : plain;
            }
        } catch (IOException e) {
            throw files.scratchFailure(e);
        }
        if (onlyPart != null) {
            try (ScratchFile first = onlyPart) {
                onlyPart = null;
                join(first);
            }
        }
    }

    private boolean join(ScratchFile part) {
        try {
            if (parquet) {
                return concatenation.append(part.path());
            }
            try (FileChannel in = FileChannel.open(part.path(), StandardOpenOption.READ)) {
                Channels.newInputStream(in).transferTo(lines);
            }
            return true;
        } catch (IOException e) {
            throw files.scratchFailure(e);
        }
    }

    /** The rows of the parts appended so far. */
    public long rows() {
        return rows;
    }

    /**
     * Completes the file: from then on it belongs to the caller, who deletes it by closing it.
     *
     * @throws IllegalStateException when no part was appended
     */
    public ScratchFile finish() {
        if (onlyPart == null && joined == null) {
            throw new IllegalStateException("a sink's file needs at least one part");
        }
        if (joined == null && gzipped) {
            startJoining();
        }
        finished = true;
        if (joined == null) {
            return onlyPart;
        }
        try {
            if (parquet) {
                concatenation.finish();
                concatenation.close();
            } else {
                lines.close();
            }
        } catch (IOException e) {
            finished = false;
            throw files.scratchFailure(e);
        }
        return new ScratchFile(joined.path(), rows);
    }

    /** Deletes what was written, unless it was finished and handed over. */
    @Override
    public void close() {
        if (finished) {
            return;
        }
        try {
            if (concatenation != null) {
                concatenation.close();
            }
            if (lines != null) {
                lines.close();
            }
        } catch (IOException e) {
            // the file is deleted below all the same
        }
        if (onlyPart != null) {
            onlyPart.close();
        }
        if (joined != null) {
            joined.close();
        }
    }
}
