package dev.floe.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Calls: one at a time per object, in parallel across objects, transactional, evicted when idle. */
class ObjectCallsTest {
    @TempDir
    Path dataDir;

    private ObjectRuntime runtime;

    @BeforeEach
    void start() {
        runtime = ObjectRuntime.builder(dataDir).register(Counter.NAMESPACE).idleTimeout(Duration.ofMillis(200)).build();
    }

    @AfterEach
    void stop() {
        runtime.close();
    }

    private ObjectStub<Counter> counter(String name) {
        return runtime.get(Counter.NAMESPACE.idFromName(name));
    }

    @Test
    void concurrentCallsToOneObjectNeverInterleave() {
        ObjectStub<Counter> counter = counter("shared");
        List<Long> results;
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<Long>> calls = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> counter.call(Counter::slowIncrement), threads));
            }
            results = calls.stream().map(CompletableFuture::join).toList();
        }

        assertThat(counter.call(Counter::value)).isEqualTo(200);
        assertThat(results).doesNotHaveDuplicates();
    }

    @Test
    void callsToDifferentObjectsRunAtTheSameTime() throws Exception {
        CountDownLatch bothInside = new CountDownLatch(2);
        CompletableFuture<Boolean> first = counter("a").callAsync(c -> {
            bothInside.countDown();
            return c.await(bothInside);
        });
        CompletableFuture<Boolean> second = counter("b").callAsync(c -> {
            bothInside.countDown();
            return c.await(bothInside);
        });

        assertThat(first.get(15, TimeUnit.SECONDS)).as("a saw b's call start while it waited").isTrue();
        assertThat(second.get(15, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aFailingCallLeavesNoTraceAndTheNextOneSeesTheLastCommittedState() {
        ObjectStub<Counter> counter = counter("rollback");
        counter.call(Counter::increment);

        assertThatThrownBy(() -> counter.call(Counter::incrementAndFail)).isInstanceOf(IllegalStateException.class)
                .hasMessage("failing on purpose");

        assertThat(counter.call(Counter::value)).isEqualTo(1);
        Object events = counter.call(c -> c.ctx().storage().sql().exec("SELECT count(*) AS n FROM events").one().get("n"));
        assertThat(events).as("events committed").isEqualTo(1L);
    }

    @Test
    void anIdleObjectIsEvictedAndComesBackWithItsState() throws Exception {
        ObjectStub<Counter> counter = counter("idle");
        counter.call(Counter::increment);
        counter.call(Counter::increment);
        int startsBefore = Counter.STARTS.get();

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (runtime.liveObjects() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(runtime.liveObjects()).as("evicted after the idle timeout").isZero();

        assertThat(counter.call(Counter::increment)).isEqualTo(3);
        assertThat(Counter.STARTS.get()).as("a new instance").isGreaterThan(startsBefore);
    }

    @Test
    void aCallThatComesBackToAnObjectInItsChainFailsInsteadOfWaitingForever() {
        ObjectId<Counter> a = Counter.NAMESPACE.idFromName("cycle-a");
        ObjectId<Counter> b = Counter.NAMESPACE.idFromName("cycle-b");

        assertThatThrownBy(() -> runtime.get(a).call(first -> first.callOther(b, second -> second.callOther(a, Counter::value))))
                .isInstanceOfSatisfying(FloeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT))
                .hasMessageContaining("call cycle: Counter/cycle-a -> Counter/cycle-b -> Counter/cycle-a");
        long incremented = runtime.get(a).call(first -> first.callOther(b, Counter::increment));
        assertThat(incremented).as("A calling B works").isEqualTo(1);
    }

    @Test
    void twoChainsWaitingForEachOtherAreRefusedRatherThanDeadlocked() throws Exception {
        ObjectId<Counter> a = Counter.NAMESPACE.idFromName("deadlock-a");
        ObjectId<Counter> b = Counter.NAMESPACE.idFromName("deadlock-b");
        CountDownLatch bothHold = new CountDownLatch(2);
        CompletableFuture<Long> aThenB = runtime.get(a).callAsync(first -> {
            bothHold.countDown();
            first.await(bothHold);
            return first.callOther(b, Counter::increment);
        });
        CompletableFuture<Long> bThenA = runtime.get(b).callAsync(second -> {
            bothHold.countDown();
            second.await(bothHold);
            return second.callOther(a, Counter::increment);
        });

        List<Throwable> failures = new ArrayList<>();
        for (CompletableFuture<Long> call : List.of(aThenB, bThenA)) {
            try {
                call.get(15, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                failures.add(e.getCause());
            }
        }
        assertThat(failures).isNotEmpty().allSatisfy(failure -> assertThat(failure).isInstanceOf(FloeException.class)
                .hasMessageContaining("call deadlock"));
    }

    @Test
    void aNamespaceThatIsNotRegisteredIsRefused() {
        Namespace<Counter> other = Namespace.of("https://elsewhere", "Other", Counter::new);

        assertThatThrownBy(() -> runtime.get(other.idFromName("x"))).isInstanceOf(FloeException.class)
                .hasMessageContaining("is not registered");
    }
}
