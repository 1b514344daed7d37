package dev.floe.sink.file;

import dev.floe.engine.ParquetBloomFilters;
import dev.floe.engine.ParquetConcatenation;
import dev.floe.error.FloeException;
import dev.floe.io.Futures;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPOutputStream;

/**
 * One file of a sink written in parts, each the rows of a query written by DuckDB as soon as they are
 * known, then joined in order: a roll's file can be written while its later events are still being
 * read, and at the roll only the last part is left to write. Parquet parts (each with its bloom
 * filters) are joined by copying their row groups ({@link ParquetConcatenation}); JSON parts, written
 * plain, by copying their lines, through gzip when the sink asks for it.
 *
 * <p>DuckDB writes a part on the caller's thread, with the caller's connection. A part's bloom filters
 * and its joining are single-threaded work that would leave a core idle: once the next part comes,
 * they run on a thread of the file's own, in order, while DuckDB writes that part. The last part's
 * run at {@link #finish}, on the caller's thread, where nothing is left to overlap them with; a file
 * of one part needs no thread.
 *
 * <p>A file of one part is that part as DuckDB wrote it (gzipped when asked): no copy. Made by
 * {@link SinkFiles#startFile}; one thread at a time may call it.
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
    /** Whether a Parquet part came out with another schema than the first: the file cannot be finished. */
    private boolean mismatched;
    private boolean finished;
    /** The part written last, whose bloom filters and joining wait for the next part or the finish. */
    private ScratchFile pending;
    /** Whether the pending part has its bloom filters already ({@link #bytesSoFar}). */
    private boolean pendingFiltered;
    private ExecutorService joiner;
    private final List<Future<?>> joins = new ArrayList<>();
    /** The bytes of the parts with rows, as DuckDB wrote them. */
    private long partBytes;

    FileInParts(SinkFiles files, boolean parquet, boolean gzipped) {
        this.files = files;
        this.parquet = parquet;
        this.gzipped = gzipped;
    }

    /**
     * Writes the rows of {@code query}, in its order, after those of the parts before; a part without
     * rows adds nothing. Its bloom filters and its joining happen later.
     *
     * @param query a SELECT of the sink's output columns
     * @throws FloeException as {@link SinkFiles#writeScratch} does, or what joining an earlier part
     *                       failed with; the parts written before are kept
     */
    public void append(Connection connection, String query) {
        awaitFailure();
        if (pending != null) {
            ScratchFile previous = pending;
            boolean filtered = pendingFiltered;
            pending = null;
            if (joiner == null) {
                joiner = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("sink-file-parts").daemon().factory());
            }
            joins.add(joiner.submit(() -> take(previous, filtered)));
        }
        pending = files.copyPart(connection, query);
        pendingFiltered = false;
        if (pending.rows() > 0) {
            partBytes += size(pending);
        }
    }

    private long size(ScratchFile part) {
        try {
            return Files.size(part.path());
        } catch (IOException e) {
            throw files.scratchFailure(e);
        }
    }

    /**
     * What the rows of the parts appended so far take, as they will in the file (give or take the
     * footer): known once a part has rows, for Parquet and plain JSON; not for gzipped JSON, whose
     * parts are compressed only when they are joined. The last part's bloom filters, which would wait
     * for the next part, are added now, on the caller's thread, so that the bytes count them too
     * (about two bytes a row for each id column).
     */
    public OptionalLong bytesSoFar() {
        if (gzipped || partBytes == 0) {
            return OptionalLong.empty();
        }
        if (parquet && pending != null && !pendingFiltered && pending.rows() > 0) {
            long unfiltered = size(pending);
            ParquetBloomFilters.add(pending.path());
            pendingFiltered = true;
            partBytes += size(pending) - unfiltered;
        }
        return OptionalLong.of(partBytes);
    }

    /** Throws what joining an earlier part failed with, if it failed. */
    private void awaitFailure() {
        for (Future<?> join : joins) {
            if (join.isDone()) {
                awaitJoin(join);
            }
        }
    }

    private static void awaitJoin(Future<?> join) {
        Futures.await(join, "joining a part of a sink's file");
    }

    /**
     * Adds a part's bloom filters, unless it has them already, and joins it to the file; deletes it
     * unless it became the file's only part.
     */
    private void take(ScratchFile part, boolean filtered) {
        if (mismatched) {
            part.close();
            return;
        }
        try {
            if (parquet && !filtered) {
                ParquetBloomFilters.add(part.path());
            }
        } catch (RuntimeException e) {
            part.close();
            throw e;
        }
        if (joined == null && (onlyPart == null || onlyPart.rows() == 0)) {
            if (onlyPart != null) {
                onlyPart.close();
            }
            onlyPart = part;
            rows = part.rows();
            return;
        }
        try (part) {
            if (part.rows() == 0) {
                return;
            }
            if (joined == null) {
                startJoining();
            }
            if (!join(part)) {
                mismatched = true;
                return;
            }
            rows += part.rows();
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

    /** Waits until every part appended was joined. */
    private void awaitJoins() {
        try {
            joins.forEach(FileInParts::awaitJoin);
        } finally {
            joins.clear();
            if (joiner != null) {
                joiner.shutdown();
                joiner = null;
            }
        }
    }

    /**
     * Completes the file once every part is joined: from then on it belongs to the caller, who deletes
     * it by closing it.
     *
     * @return the file, or empty when DuckDB wrote a Parquet part of another schema than the parts
     *         before (see {@link ParquetConcatenation#append}), so that they cannot make one file
     * @throws IllegalStateException when no part was appended
     * @throws FloeException         what joining a part failed with
     */
    public Optional<ScratchFile> finish() {
        awaitJoins();
        if (pending != null) {
            ScratchFile last = pending;
            pending = null;
            take(last, pendingFiltered);
        }
        if (mismatched) {
            return Optional.empty();
        }
        if (onlyPart == null && joined == null) {
            throw new IllegalStateException("a sink's file needs at least one part");
        }
        if (joined == null && gzipped) {
            startJoining();
        }
        finished = true;
        if (joined == null) {
            return Optional.of(onlyPart);
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
        return Optional.of(new ScratchFile(joined.path(), rows));
    }

    /** Deletes what was written, unless it was finished and handed over. */
    @Override
    public void close() {
        if (finished) {
            return;
        }
        try {
            awaitJoins();
        } catch (FloeException e) {
            // what is left is deleted below all the same
        }
        if (pending != null) {
            pending.close();
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
