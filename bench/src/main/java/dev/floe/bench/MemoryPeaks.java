package dev.floe.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The peaks of this process's memory over a phase of a benchmark: the Java heap in use (garbage
 * included), the heap still live after collections, and the resident set, which also counts what
 * native code such as DuckDB holds.
 *
 * <p>The heap is sampled every few milliseconds, so a peak between two samples can be missed; the
 * resident set's peak is the kernel's own ({@code VmHWM}), reset at the start of the phase.
 */
final class MemoryPeaks {
    private static final long SAMPLE_MILLIS = 10;
    private static final Path STATUS = Path.of("/proc/self/status");

    private final List<MemoryPoolMXBean> heapPools;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread sampler;
    private final long startRssBytes;
    private volatile long heapBytes;
    private volatile long liveHeapBytes;

    /** @param startRssBytes the resident set when watching started, which the peak cannot be below */
    record Peaks(long heapBytes, long liveHeapBytes, long startRssBytes, long rssBytes) {}

    private MemoryPeaks() throws IOException {
        startRssBytes = statusKilobytes("VmRSS") * 1024;
        heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        sampler = Thread.ofPlatform().daemon().name("memory-peaks").start(this::sample);
    }

    /** Starts watching, from a reset resident-set peak. */
    static MemoryPeaks start() throws IOException {
        // "5" resets the peak resident set size to the current one (Linux 4.0 and later)
        Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        return new MemoryPeaks();
    }

    Peaks stop() throws IOException, InterruptedException {
        running.set(false);
        sampler.join();
        return new Peaks(heapBytes, liveHeapBytes, startRssBytes, statusKilobytes("VmHWM") * 1024);
    }

    private void sample() {
        while (running.get()) {
            long used = 0;
            long live = 0;
            for (MemoryPoolMXBean pool : heapPools) {
                used += pool.getUsage().getUsed();
                MemoryUsage afterCollection = pool.getCollectionUsage();
                live += afterCollection == null ? 0 : afterCollection.getUsed();
            }
            heapBytes = Math.max(heapBytes, used);
            liveHeapBytes = Math.max(liveHeapBytes, live);
            try {
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static long statusKilobytes(String field) throws IOException {
        for (String line : Files.readAllLines(STATUS)) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException(field + " is not in " + STATUS);
    }
}
