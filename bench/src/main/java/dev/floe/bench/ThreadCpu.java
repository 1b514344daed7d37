package dev.floe.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The CPU time each of this process's threads spent over a phase, native ones (DuckDB's) included,
 * from {@code /proc/self/task}, summed by thread name with its numbers dropped (so that a pool's
 * threads count as one). A thread that ends during the phase takes its time with it: take the second
 * snapshot while the phase's threads still run.
 */
final class ThreadCpu {
    private static final long NANOS_PER_TICK = 10_000_000;

    private final Map<String, Long> startTicks;

    private ThreadCpu(Map<String, Long> startTicks) {
        this.startTicks = startTicks;
    }

    static ThreadCpu start() throws IOException {
        return new ThreadCpu(ticksByThread());
    }

    /** CPU seconds by thread name since the start, largest first, the ones under 0.05 s left out. */
    Map<String, Double> secondsByName() throws IOException {
        Map<String, Double> byName = new HashMap<>();
        ticksByThread().forEach((thread, ticks) -> {
            long spent = ticks - startTicks.getOrDefault(thread, 0L);
            String name = thread.substring(thread.indexOf(' ') + 1).replaceAll("[0-9]+", "#");
            byName.merge(name, spent * NANOS_PER_TICK / 1e9, Double::sum);
        });
        byName.values().removeIf(seconds -> seconds < 0.05);
        Map<String, Double> largestFirst = new TreeMap<>((a, b) -> {
            int bySeconds = Double.compare(byName.get(b), byName.get(a));
            return bySeconds != 0 ? bySeconds : a.compareTo(b);
        });
        largestFirst.putAll(byName);
        return largestFirst;
    }

    /** Ticks of user and system time by "tid name". */
    private static Map<String, Long> ticksByThread() throws IOException {
        Map<String, Long> ticks = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    // the name is in parentheses and may hold spaces; the fields after it are fixed
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks.put(task.getFileName() + " " + name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
                } catch (IOException ended) {
                    // the thread ended between listing and reading
                }
            }
        }
        return ticks;
    }
}
