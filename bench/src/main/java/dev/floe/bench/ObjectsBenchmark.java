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
import java.util.concurrent.locks.LockSupport;

/**
 * The object runtime's hot path against a floe server in the same JVM: each call changes an object's
 * state (a key-value put, captured as a state change) and emits an event, so it commits two outbox
 * rows; the relay delivers them to two streams meanwhile.
 *
 * <ol>
 *   <li>Warm-up: the throughput phase's calls, unmeasured, so that the phases after it find the code
 *       compiled (and, with the relay, everything delivered).</li>
 *   <li>Latency: one thread calls the objects in turn, back to back; each call's time, p50 and p99.
 *       Then the same at a steady 2,000 calls/s, each call timed from when it was due.</li>
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
    /** The rate of the paced latency phase: a steady load well under what the machine can take. */
    private static final int PACED_CALLS_PER_SECOND = 2_000;
    /** How many phases' length the warm-up lasts. */
    private static final int WARM_UP_PHASES = 5;

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
            warmUp(accounts, threads, seconds);
            latency(accounts, seconds, 0);
            latency(accounts, seconds, PACED_CALLS_PER_SECOND);
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
                warmUp(accounts, threads, seconds);
                if (!runtime.drain(Duration.ofMinutes(5))) {
                    throw new IllegalStateException("the relay did not deliver the warm-up's rows");
                }
                latency(accounts, seconds, 0);
                latency(accounts, seconds, PACED_CALLS_PER_SECOND);
                throughput(runtime, accounts, threads, seconds);
            }
        }
    }

    /**
     * The phases' calls for {@value #WARM_UP_PHASES} times {@code seconds}, unmeasured: what a runtime
     * that has served calls for a while would have, its code compiled. Without it the phases measure the
     * JIT compilers too, which share the two cores with the calls: after a warm-up of one phase's length
     * they were still compiling the relay's and the server's code during the latency phase (2 CPU
     * seconds of 10), and after two phases' length 0.1 to 1.4 CPU seconds of each phase after it.
     */
    private static void warmUp(List<ObjectStub<Account>> accounts, int threads, int seconds) throws Exception {
        System.out.print("warm-up (not measured): ");
        callRate(accounts, threads, WARM_UP_PHASES * seconds);
    }

    /** The objects, each called once, which creates its database: the phases measure calls to existing objects. */
    private static List<ObjectStub<Account>> stubs(ObjectRuntime runtime, int objects) {
        List<ObjectStub<Account>> accounts = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < objects; i++) {
            ObjectStub<Account> account = runtime.get(ACCOUNTS.idFromName("account-" + i));
            account.call(a -> a.deposit(1));
            accounts.add(account);
        }
        System.out.printf("created %,d objects in %.2f s%n", objects, (System.nanoTime() - start) / 1e9);
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
        ThreadCpu threadCpu = ThreadCpu.start();
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
        printCpu(cpu, threadCpu, callerCpuNanos.sum(), calls.sum());
        return calls.sum();
    }

    /**
     * The CPU per call of a phase: the calling threads' own, the whole process's (which includes the
     * relay's and the server's work for rows of calls made in earlier phases too, if any were left), and
     * the load the rest of the machine put on it.
     */
    private static void printCpu(CpuUse cpu, ThreadCpu threadCpu, long callerCpuNanos, long calls) throws IOException {
        System.out.printf("CPU per call: %.1f us in the calling threads, %.1f us in the whole process;"
                        + " other processes kept %.2f cores busy, load average %.2f%n",
                callerCpuNanos / 1e3 / calls, cpu.ownSeconds() * 1e6 / calls, cpu.otherCores(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.println("CPU seconds by thread: " + threadCpu.secondsByName());
    }

    /**
     * One thread calling the objects in turn for {@code seconds}: back to back when {@code callsPerSecond}
     * is 0, else at that rate, each call's latency counted from when it was due (so that a call held up
     * also counts against the ones it delayed).
     */
    private static void latency(List<ObjectStub<Account>> accounts, int seconds, int callsPerSecond) throws IOException {
        long[] samples = new long[2_000_000];
        long[] inCall = new long[samples.length];
        int count = 0;
        CpuUse cpu = CpuUse.start();
        ThreadCpu threadCpu = ThreadCpu.start();
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        long begin = System.nanoTime();
        long end = begin + Duration.ofSeconds(seconds).toNanos();
        long interval = callsPerSecond == 0 ? 0 : 1_000_000_000L / callsPerSecond;
        while (System.nanoTime() < end && count < samples.length) {
            ObjectStub<Account> account = accounts.get(count % accounts.size());
            long start = System.nanoTime();
            long due = start;
            if (interval > 0) {
                due = begin + count * interval;
                while (start < due) {
                    LockSupport.parkNanos(due - start);
                    start = System.nanoTime();
                }
            }
            account.call(a -> a.deposit(1));
            long done = System.nanoTime();
            samples[count] = done - due;
            inCall[count++] = done - start;
        }
        long callerCpuNanos = THREADS.getCurrentThreadCpuTime() - cpuStart;
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        System.out.printf("latency, one thread%s: %,d calls, p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms%n",
                callsPerSecond == 0 ? "" : String.format(" at %,d calls/s", callsPerSecond), count,
                millis(sorted, 0.50), millis(sorted, 0.99), millis(sorted, 0.999), sorted[count - 1] / 1e6);
        if (interval > 0) {
            long[] calls = Arrays.copyOf(inCall, count);
            Arrays.sort(calls);
            System.out.printf("  of which in the call, from when the caller ran: p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms,"
                    + " max %.3f ms; %d calls began over 0.5 ms late%n", millis(calls, 0.50), millis(calls, 0.99),
                    millis(calls, 0.999), calls[count - 1] / 1e6, lateStarts(samples, inCall, count, 500_000));
        }
        printCpu(cpu, threadCpu, callerCpuNanos, count);
    }

    /** How many calls began more than {@code nanos} after they were due: the caller waited for a core or a pause. */
    private static int lateStarts(long[] fromDue, long[] inCall, int count, long nanos) {
        int late = 0;
        for (int i = 0; i < count; i++) {
            if (fromDue[i] - inCall[i] > nanos) {
                late++;
            }
        }
        return late;
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
