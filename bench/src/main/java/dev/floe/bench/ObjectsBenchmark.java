package dev.floe.bench;

import dev.floe.client.FloeClient;
import dev.floe.client.StreamSpec;
import dev.floe.objects.Bindings;
import dev.floe.objects.DurableObject;
import dev.floe.objects.Namespace;
import dev.floe.objects.ObjectRuntime;
import dev.floe.objects.ObjectStub;
import dev.floe.server.FloeServer;
import dev.floe.server.ServerConfig;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The object runtime's hot path against a floe server in the same JVM: each call changes an object's
 * state (a key-value put, captured as a state change) and emits an event, so it commits two outbox
 * rows; the relay delivers them to two streams meanwhile.
 *
 * <ol>
 *   <li>Latency: one thread calls the objects in turn; each call's time, p50 and p99.</li>
 *   <li>Throughput: several threads call random objects for a while; calls/s, and how many rows the
 *       relay delivered meanwhile.</li>
 *   <li>Drain: how long the relay takes to deliver what was left, and the delivery rate over both.</li>
 * </ol>
 *
 * <p>Each phase also reports its CPU cost per call: the calling threads' own CPU time, and the whole
 * process's (relay, server, garbage collector and compiler included), with the machine's load average.
 * On a shared machine the wall-clock numbers depend on what else runs; the CPU per call hardly does,
 * and it bounds what an idle machine would do.
 *
 * <p>Usage: {@code ObjectsBenchmark <data-dir> [objects] [threads] [seconds]}
 */
public final class ObjectsBenchmark {
    /** The benchmark's object: an account whose balance changes with each deposit. */
    public static final class Account extends DurableObject {
        public long deposit(long amount) {
            long balance = ctx().storage().get("balance", Long.class).orElse(0L) + amount;
            ctx().storage().put("balance", balance);
            emitEvent("deposited", Map.of("amount", amount, "balance", balance));
            return balance;
        }
    }

    private static final Namespace<Account> ACCOUNTS = Namespace.of("https://bench.floe", "Account", Account::new);
    private static final Bindings BINDINGS = Bindings.of(Map.of(Bindings.EVENTS, "bench_events", Bindings.STATE, "bench_state"));
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ObjectsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args.length > 0 ? args[0] : "bench-data");
        int objects = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        System.out.printf("objects: %d, calling threads: %d, %d s per phase%n", objects, threads, seconds);
        try (ObjectRuntime alone = ObjectRuntime.builder(dataDir.resolve("alone")).register(ACCOUNTS)
                .bindings(BINDINGS).idleTimeout(Duration.ofMinutes(10)).build()) {
            System.out.println("## without delivery (outbox rows are written and stay)");
            List<ObjectStub<Account>> accounts = stubs(alone, objects);
            latency(accounts, seconds);
            callRate(accounts, threads, seconds);
        }
        try (FloeServer server = FloeServer.start(ServerConfig.resolve(Map.of("port", "0",
                "data-dir", dataDir.resolve("server").toString()), Map.of(), null));
             FloeClient floe = FloeClient.builder().baseUrl(server.baseUrl()).accountId(server.config().accountId()).build()) {
            floe.streams().create(StreamSpec.builder("bench_events").build());
            floe.streams().create(StreamSpec.builder("bench_state").build());
            try (ObjectRuntime runtime = ObjectRuntime.builder(dataDir.resolve("objects")).register(ACCOUNTS)
                    .bindings(BINDINGS).floe(floe).idleTimeout(Duration.ofMinutes(10)).build()) {
                System.out.println("## with the relay delivering to the server meanwhile");
                List<ObjectStub<Account>> accounts = stubs(runtime, objects);
                latency(accounts, seconds);
                throughput(runtime, accounts, threads, seconds);
            }
        }
    }

    private static List<ObjectStub<Account>> stubs(ObjectRuntime runtime, int objects) {
        List<ObjectStub<Account>> accounts = new ArrayList<>();
        for (int i = 0; i < objects; i++) {
            accounts.add(runtime.get(ACCOUNTS.idFromName("account-" + i)));
        }
        return accounts;
    }

    /** Calls random objects from {@code threads} threads for {@code seconds}; prints and returns the calls made. */
    private static long callRate(List<ObjectStub<Account>> accounts, int threads, int seconds)
            throws InterruptedException, IOException {
        LongAdder calls = new LongAdder();
        LongAdder callerCpuNanos = new LongAdder();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> callers = new ArrayList<>();
        CpuUse cpu = CpuUse.start();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            callers.add(Thread.ofPlatform().start(() -> {
                long cpuStart = THREADS.getCurrentThreadCpuTime();
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (running.get()) {
                    accounts.get(random.nextInt(accounts.size())).call(a -> a.deposit(1));
                    calls.increment();
                }
                callerCpuNanos.add(THREADS.getCurrentThreadCpuTime() - cpuStart);
            }));
        }
        Thread.sleep(Duration.ofSeconds(seconds));
        running.set(false);
        for (Thread caller : callers) {
            caller.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf("throughput, %d threads: %,.0f calls/s (%,d calls, %,d outbox rows)%n", threads,
                calls.sum() / elapsed, calls.sum(), calls.sum() * 2);
        printCpu(cpu, callerCpuNanos.sum(), calls.sum());
        return calls.sum();
    }

    /**
     * The CPU per call of a phase: the calling threads' own, the whole process's (which includes the
     * relay's and the server's work for rows of calls made in earlier phases too, if any were left), and
     * the load the rest of the machine put on it.
     */
    private static void printCpu(CpuUse cpu, long callerCpuNanos, long calls) throws IOException {
        System.out.printf("CPU per call: %.1f us in the calling threads, %.1f us in the whole process;"
                        + " other processes kept %.2f cores busy, load average %.2f%n",
                callerCpuNanos / 1e3 / calls, cpu.ownSeconds() * 1e6 / calls, cpu.otherCores(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static void latency(List<ObjectStub<Account>> accounts, int seconds) throws IOException {
        for (ObjectStub<Account> account : accounts) {
            account.call(a -> a.deposit(1));
        }
        long[] samples = new long[2_000_000];
        int count = 0;
        CpuUse cpu = CpuUse.start();
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        while (System.nanoTime() < end && count < samples.length) {
            ObjectStub<Account> account = accounts.get(count % accounts.size());
            long start = System.nanoTime();
            account.call(a -> a.deposit(1));
            samples[count++] = System.nanoTime() - start;
        }
        long callerCpuNanos = THREADS.getCurrentThreadCpuTime() - cpuStart;
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        System.out.printf("latency, one thread: %,d calls, p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms%n", count,
                millis(sorted, 0.50), millis(sorted, 0.99), millis(sorted, 0.999), sorted[count - 1] / 1e6);
        printCpu(cpu, callerCpuNanos, count);
    }

    private static double millis(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * quantile))] / 1e6;
    }

    private static void throughput(ObjectRuntime runtime, List<ObjectStub<Account>> accounts, int threads, int seconds)
            throws Exception {
        if (!runtime.drain(Duration.ofMinutes(5))) {
            throw new IllegalStateException("the relay did not deliver the latency phase's rows");
        }
        long deliveredBefore = runtime.deliveredRows();
        CpuUse cpu = CpuUse.start();
        long start = System.nanoTime();
        long calls = callRate(accounts, threads, seconds);
        double callSeconds = (System.nanoTime() - start) / 1e9;
        long deliveredDuring = runtime.deliveredRows() - deliveredBefore;
        System.out.printf("delivered during the calls: %,d of their %,d outbox rows (%,.0f rows/s)%n", deliveredDuring,
                calls * 2, deliveredDuring / callSeconds);
        long drainStart = System.nanoTime();
        if (!runtime.drain(Duration.ofMinutes(10))) {
            throw new IllegalStateException("the relay did not drain the outboxes within 10 minutes");
        }
        double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
        long delivered = runtime.deliveredRows() - deliveredBefore;
        System.out.printf("drain: the last %,d rows in %.2f s; all %,d rows delivered in %.2f s since the phase began"
                + " (%,.0f rows/s, %,.0f calls' worth/s); outboxes empty%n", delivered - deliveredDuring, drainSeconds,
                delivered, callSeconds + drainSeconds, delivered / (callSeconds + drainSeconds),
                delivered / 2 / (callSeconds + drainSeconds));
        System.out.printf("CPU per call, delivery included (calls and drain): %.1f us in the whole process%n",
                cpu.ownSeconds() * 1e6 / calls);
    }
}
