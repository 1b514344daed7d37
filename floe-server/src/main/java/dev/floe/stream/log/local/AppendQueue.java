package dev.floe.stream.log.local;

import dev.floe.error.FloeException;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Where appends wait for the writer thread, and the gate in front of it: refuses appends when too
 * many bytes wait to become durable, once the log is closed, and once it has failed. Admitting an
 * append and closing or failing the queue exclude each other, so every admitted append is either
 * written by the writer or failed, never forgotten.
 */
final class AppendQueue {
    private final String logName;
    private final long maxPendingBytes;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final ArrayDeque<PendingAppend> queue = new ArrayDeque<>();
    /** Payload bytes admitted and not yet durable: queued, or being written. */
    private long pendingBytes;
    private boolean closed;
    private FloeException failure;

    AppendQueue(String logName, long maxPendingBytes) {
        this.logName = logName;
        this.maxPendingBytes = maxPendingBytes;
    }

    /**
     * Queues appends for the writer, together so that it takes them in one group, or completes them
     * exceptionally when the log is closed or failed. Appends larger than the limit are admitted when
     * nothing else is pending, or they could never be.
     *
     * @throws FloeException {@code TOO_MANY_REQUESTS} when too many bytes are pending; none is queued
     */
    void submit(List<PendingAppend> appends) {
        long bytes = 0;
        for (PendingAppend append : appends) {
            bytes += append.payloadBytes();
        }
        lock.lock();
        try {
            if (failure != null || closed) {
                FloeException error = failure != null ? failure : LogErrors.closed(logName);
                appends.forEach(append -> append.fail(error));
                return;
            }
            if (pendingBytes > 0 && pendingBytes + bytes > maxPendingBytes) {
                throw LogErrors.tooManyPending(logName, pendingBytes, maxPendingBytes);
            }
            pendingBytes += bytes;
            boolean wasEmpty = queue.isEmpty();
            queue.addAll(appends);
            if (wasEmpty && !queue.isEmpty()) {
                notEmpty.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits for appends and moves the oldest ones into {@code group}: at least one, and more while
     * they fit in {@code maxGroupBytes} on disk.
     *
     * @return false when the queue is closed and empty: the writer is done
     */
    boolean takeGroup(List<PendingAppend> group, long maxGroupBytes) {
        lock.lock();
        try {
            while (queue.isEmpty() && !closed) {
                notEmpty.awaitUninterruptibly();
            }
            if (queue.isEmpty()) {
                return false;
            }
            long groupBytes = 0;
            do {
                PendingAppend append = queue.poll();
                group.add(append);
                groupBytes += append.encodedBytes();
            } while (!queue.isEmpty() && groupBytes + queue.peek().encodedBytes() <= maxGroupBytes);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The writer made appends holding {@code payloadBytes} durable. */
    void release(long payloadBytes) {
        lock.lock();
        try {
            pendingBytes -= payloadBytes;
        } finally {
            lock.unlock();
        }
    }

    /** Refuses further appends; the writer still drains those already queued. */
    void close() {
        lock.lock();
        try {
            closed = true;
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Fails every queued append and every later one with {@code error}. */
    void fail(FloeException error) {
        List<PendingAppend> abandoned;
        lock.lock();
        try {
            failure = error;
            abandoned = new ArrayList<>(queue);
            queue.clear();
            pendingBytes = 0;
        } finally {
            lock.unlock();
        }
        for (PendingAppend append : abandoned) {
            append.fail(error);
        }
    }

    long pendingBytes() {
        lock.lock();
        try {
            return pendingBytes;
        } finally {
            lock.unlock();
        }
    }
}
