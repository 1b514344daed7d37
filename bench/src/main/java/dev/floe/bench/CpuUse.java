package dev.floe.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU time spent over a phase of a benchmark by this process, and by the rest of the machine:
 * every CPU's busy time (from {@code /proc/stat}) less this process's own. On a machine shared with
 * other work, a phase that ran beside a busy neighbour is slower for it, and the report says so.
 */
final class CpuUse {
    /** The kernel counts CPU time in ticks of 10 ms on every usual configuration. */
    private static final long NANOS_PER_TICK = 10_000_000;

    private final long machineTicks;
    private final long ownNanos;
    private final long startNanos;

    private CpuUse() throws IOException {
        machineTicks = machineBusyTicks();
        ownNanos = ownCpuNanos();
        startNanos = System.nanoTime();
    }

    static CpuUse start() throws IOException {
        return new CpuUse();
    }

    /** The CPU time this process spent since the start. */
    double ownSeconds() {
        return (ownCpuNanos() - ownNanos) / 1e9;
    }

    /** The CPUs other processes kept busy on average since the start, in cores (0.5 is half a core). */
    double otherCores() throws IOException {
        long others = (machineBusyTicks() - machineTicks) * NANOS_PER_TICK - (ownCpuNanos() - ownNanos);
        return Math.max(0, (double) others / (System.nanoTime() - startNanos));
    }

    private static long machineBusyTicks() throws IOException {
        String[] fields = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
        long busy = 0;
        // user nice system idle iowait irq softirq steal: all but idle and iowait
        for (int i = 1; i <= 8; i++) {
            if (i != 4 && i != 5) {
                busy += Long.parseLong(fields[i]);
            }
        }
        return busy;
    }

    private static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
