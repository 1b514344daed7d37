package dev.floe.stream.log.local;

import dev.floe.io.AtomicFiles;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import dev.floe.stream.log.LogConfig;
import dev.floe.stream.log.LogStore;
import dev.floe.stream.log.StreamLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Stream logs on the local disk: the log of stream {@code id} lives in {@code <root>/<id>/}. Opening
 * a log that is already open returns the same instance without locking, so callers may open the
 * log for every request; opening a closed one recovers it afresh.
 */
public final class LocalLogStore implements LogStore {
    private static final Logger LOG = LoggerFactory.getLogger(LocalLogStore.class);
    /** A stream id becomes a directory name, so it must be one plain path segment. */
    private static final Pattern STREAM_ID = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");

    private final Path root;
    private final LogConfig config;
    private final FileOpener opener;
    private final Map<String, LocalStreamLog> openLogs = new ConcurrentHashMap<>();
    /** Serializes opening, deleting and closing, which do file I/O. */
    private final ReentrantLock lock = new ReentrantLock();
    private volatile boolean closed;

    public LocalLogStore(Path root, LogConfig config) {
        this(root, config, FileOpener.DEFAULT);
    }

    LocalLogStore(Path root, LogConfig config, FileOpener opener) {
        this.root = root;
        this.config = config;
        this.opener = opener;
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new FloeException(ErrorCode.UNAVAILABLE, "cannot create the stream log directory " + root + ": " + e, e);
        }
    }

    @Override
    public StreamLog open(String streamId) {
        requireValid(streamId);
        LocalStreamLog log = openLogs.get(streamId);
        if (log != null) {
            return log;
        }
        lock.lock();
        try {
            requireOpen();
            log = openLogs.get(streamId);
            if (log == null) {
                log = openLog(streamId);
                openLogs.put(streamId, log);
            }
            return log;
        } finally {
            lock.unlock();
        }
    }

    private LocalStreamLog openLog(String streamId) {
        try {
            return LocalStreamLog.open(streamId, root.resolve(streamId), config, opener, this::forget);
        } catch (IOException e) {
            throw new FloeException(ErrorCode.UNAVAILABLE, "cannot open stream log " + streamId + " in "
                    + root.resolve(streamId) + ": " + e, e);
        }
    }

    @Override
    public Set<String> streamIds() {
        try (Stream<Path> entries = Files.list(root)) {
            return entries.filter(Files::isDirectory).map(path -> path.getFileName().toString())
                    .filter(name -> STREAM_ID.matcher(name).matches()).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new FloeException(ErrorCode.UNAVAILABLE, "cannot list the stream logs in " + root + ": " + e, e);
        }
    }

    @Override
    public void delete(String streamId) {
        requireValid(streamId);
        Path directory = root.resolve(streamId);
        lock.lock();
        try {
            requireOpen();
            LocalStreamLog log = openLogs.get(streamId);
            if (log != null) {
                log.close();
            }
            AtomicFiles.deleteTree(directory);
            AtomicFiles.syncDirectory(root);
        } catch (IOException e) {
            throw new FloeException(ErrorCode.UNAVAILABLE, "could not delete stream log " + streamId + " in "
                    + directory + ": " + e, e);
        } finally {
            lock.unlock();
        }
        LOG.info("deleted stream log {}", streamId);
    }

    /** Closes every open log, each after its queued appends became durable. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            for (LocalStreamLog log : List.copyOf(openLogs.values())) {
                log.close();
            }
        } finally {
            lock.unlock();
        }
    }

    private void forget(LocalStreamLog log) {
        openLogs.remove(log.streamId(), log);
    }

    private void requireOpen() {
        if (closed) {
            throw new FloeException(ErrorCode.UNAVAILABLE, "the stream log store in " + root + " is closed");
        }
    }

    private static void requireValid(String streamId) {
        if (streamId == null || !STREAM_ID.matcher(streamId).matches()) {
            throw new FloeException(ErrorCode.INVALID_REQUEST, "invalid stream id '" + streamId
                    + "': use 1 to 128 letters, digits, '.', '_' or '-', not starting with '.'");
        }
    }
}
