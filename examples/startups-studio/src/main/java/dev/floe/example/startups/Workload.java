package dev.floe.example.startups;

import dev.floe.objects.ObjectRuntime;
import dev.floe.objects.ObjectStub;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The studio's life, seeded so that a run can be repeated: humans join (nathan first), each startup is
 * founded by one of them, raises one to four rounds dated across 2024 and 2025 from investors among
 * them, hires, and sometimes pivots. Startups live their lives in parallel; each life is in order.
 */
final class Workload {
    private static final LocalDate FIRST_DAY = LocalDate.of(2024, 1, 1);
    private static final int DAYS = 731;
    private static final String[] NAMES = {"ada", "grace", "linus", "margaret", "ken", "barbara", "dennis",
        "frances", "edsger", "radia", "tim", "hedy", "alan", "katherine", "john", "sophie"};
    private static final String[] ROUNDS = {"pre-seed", "seed", "series-a", "series-b"};
    private static final String[] IDEAS = {"databases for dogs", "quantum spreadsheets", "a calmer inbox",
        "solar bikes", "open-source payroll", "edge ledgers", "robot gardeners", "a better lake"};
    private static final String[] ROLES = {"engineer", "designer", "sales", "support"};
    private static final int PARALLEL_LIVES = 32;

    /** How many of each object the studio has. */
    record Size(int humans, int startups) {
        Size {
            if (humans < 1 || startups < 1) {
                throw new IllegalArgumentException("the studio needs at least one human and one startup, got "
                        + humans + " and " + startups);
            }
        }
    }

    private final Size size;
    private final long seed;
    private final List<ObjectStub<Human>> humans = new ArrayList<>();
    private final List<ObjectStub<Startup>> startups = new ArrayList<>();
    private final AtomicLong calls = new AtomicLong();

    Workload(ObjectRuntime runtime, Size size, long seed) {
        this.size = size;
        this.seed = seed;
        for (int i = 0; i < size.humans(); i++) {
            humans.add(runtime.get(Human.NAMESPACE.idFromName(humanName(i))));
        }
        for (int i = 0; i < size.startups(); i++) {
            startups.add(runtime.get(Startup.NAMESPACE.idFromName("startup-" + i)));
        }
    }

    static String humanName(int index) {
        return index == 0 ? Studio.NATHAN : NAMES[index % NAMES.length] + "-" + index;
    }

    /** Every object of the studio, humans first. */
    List<ObjectStub<? extends StudioObject>> objects() {
        List<ObjectStub<? extends StudioObject>> all = new ArrayList<>(humans);
        all.addAll(startups);
        return all;
    }

    /** State-changing calls made so far. */
    long calls() {
        return calls.get();
    }

    /** Runs the whole workload; returns when every call has committed in the objects' databases. */
    void run() throws InterruptedException {
        for (int i = 0; i < humans.size(); i++) {
            String name = humanName(i);
            humans.get(i).run(human -> human.join(name));
            calls.incrementAndGet();
        }
        Semaphore parallel = new Semaphore(PARALLEL_LIVES);
        List<Future<?>> lives = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < startups.size(); i++) {
                int index = i;
                parallel.acquire();
                lives.add(executor.submit(() -> {
                    try {
                        live(index, new Random(seed * 31 + index));
                    } finally {
                        parallel.release();
                    }
                }));
            }
        }
        for (Future<?> life : lives) {
            try {
                life.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("a startup's life failed: " + e.getCause(), e.getCause());
            }
        }
    }

    private void live(int index, Random random) {
        ObjectStub<Startup> startup = startups.get(index);
        ObjectStub<Human> founder = humans.get(someone(random));
        String founderId = founder.id().local();
        founder.run(human -> human.found(startup, "Startup " + index, IDEAS[random.nextInt(IDEAS.length)]));
        calls.incrementAndGet();
        int rounds = 1 + random.nextInt(ROUNDS.length);
        List<LocalDate> dates = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            dates.add(FIRST_DAY.plusDays(random.nextInt(DAYS)));
        }
        dates.sort(null);
        for (int r = 0; r < rounds; r++) {
            String investor = humans.get(someone(random)).id().local();
            long amount = (long) (250_000 * Math.pow(4, r) * (1 + random.nextInt(8)));
            LocalDate raisedAt = dates.get(r);
            String round = ROUNDS[r];
            startup.run(s -> s.raise(investor, round, amount, raisedAt));
            calls.incrementAndGet();
            for (int hires = random.nextInt(3); hires > 0; hires--) {
                String hire = humans.get(random.nextInt(humans.size())).id().local();
                String role = ROLES[random.nextInt(ROLES.length)];
                startup.run(s -> s.hire(founderId, hire, role));
                calls.incrementAndGet();
            }
        }
        if (random.nextInt(5) == 0) {
            String idea = IDEAS[random.nextInt(IDEAS.length)];
            startup.run(s -> s.pivot(founderId, idea));
            calls.incrementAndGet();
        }
    }

    /** A human, nathan more often than the others, so that his audit trail is a long one. */
    private int someone(Random random) {
        return random.nextInt(5) == 0 ? 0 : random.nextInt(size.humans());
    }
}
