package dev.floe.objects;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One alarm per object: it fires at its time, is retried with backoff, and survives eviction and restarts. */
class AlarmTest {
    /** Records each alarm it gets; fails the first {@code failures} attempts. */
    public static class Reminder extends DurableObject {
        static final List<String> FIRED = new CopyOnWriteArrayList<>();
        static volatile int failures;

        public void remindAt(Instant time) {
            ctx().storage().setAlarm(time);
        }

        @Override
        public void alarm(AlarmInfo info) {
            FIRED.add(id().name() + "#" + info.retryCount() + "@" + System.nanoTime());
            ctx().storage().put("fired", info.retryCount());
            if (info.retryCount() < failures) {
                throw new IllegalStateException("not yet");
            }
        }
    }

    private static final Namespace<Reminder> REMINDERS = Namespace.of("https://test.floe", "Reminder", Reminder::new);

    @TempDir
    Path dataDir;

    private ObjectRuntime runtime;

    private ObjectRuntime start(Duration idleTimeout) {
        return ObjectRuntime.builder(dataDir).register(REMINDERS).idleTimeout(idleTimeout)
                .alarmRetries(Duration.ofMillis(100), 5).build();
    }

    @AfterEach
    void stop() {
        runtime.close();
        Reminder.FIRED.clear();
        Reminder.failures = 0;
    }

    private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    private List<String> firedBy(String name) {
        return Reminder.FIRED.stream().filter(entry -> entry.startsWith(name + "#")).map(entry -> entry.substring(0, entry.indexOf('@'))).toList();
    }

    @Test
    void anAlarmFiresAtItsTimeOnceAndIsCleared() throws Exception {
        runtime = start(Duration.ofSeconds(30));
        ObjectStub<Reminder> reminder = runtime.get(REMINDERS.idFromName("soon"));
        long setAt = System.nanoTime();
        reminder.run(r -> r.remindAt(Instant.now().plusMillis(300)));

        eventually("the alarm", () -> !firedBy("soon").isEmpty());
        long firedAfterMillis = (Long.parseLong(Reminder.FIRED.getFirst().split("@")[1]) - setAt) / 1_000_000;
        assertThat(firedAfterMillis).isBetween(250L, 5_000L);
        Thread.sleep(300);
        assertThat(firedBy("soon")).containsExactly("soon#0");
        Optional<Instant> alarm = reminder.call(r -> r.ctx().storage().getAlarm());
        assertThat(alarm).isEmpty();
        assertThat(runtime.scheduledAlarms()).isZero();
    }

    @Test
    void aFailingAlarmIsRetriedWithGrowingPausesAndItsWritesUndone() throws Exception {
        Reminder.failures = 2;
        runtime = start(Duration.ofSeconds(30));
        ObjectStub<Reminder> reminder = runtime.get(REMINDERS.idFromName("flaky"));
        reminder.run(r -> r.remindAt(Instant.now()));

        eventually("the third attempt", () -> firedBy("flaky").size() == 3);
        assertThat(firedBy("flaky")).containsExactly("flaky#0", "flaky#1", "flaky#2");
        long[] times = Reminder.FIRED.stream().mapToLong(entry -> Long.parseLong(entry.split("@")[1])).toArray();
        long firstPause = (times[1] - times[0]) / 1_000_000;
        long secondPause = (times[2] - times[1]) / 1_000_000;
        assertThat(firstPause).isGreaterThanOrEqualTo(90);
        assertThat(secondPause).as("doubled").isGreaterThanOrEqualTo(190);
        Object stored = reminder.call(r -> r.ctx().storage().get("fired", Integer.class).orElseThrow());
        assertThat(stored).as("only the successful attempt's write").isEqualTo(2);
    }

    @Test
    void anAlarmFiresForAnEvictedObjectAndAfterARestart() throws Exception {
        runtime = start(Duration.ofMillis(50));
        runtime.get(REMINDERS.idFromName("evicted")).run(r -> r.remindAt(Instant.now().plusMillis(600)));
        runtime.get(REMINDERS.idFromName("restarted")).run(r -> r.remindAt(Instant.now().plusMillis(1500)));
        eventually("eviction", () -> runtime.liveObjects() == 0);
        eventually("the evicted object's alarm", () -> !firedBy("evicted").isEmpty());

        runtime.close();
        assertThat(firedBy("restarted")).as("not yet due when the runtime stopped").isEmpty();
        runtime = start(Duration.ofMillis(50));

        eventually("the alarm set before the restart", () -> !firedBy("restarted").isEmpty());
        assertThat(firedBy("restarted")).containsExactly("restarted#0");
        assertThat(firedBy("evicted")).containsExactly("evicted#0");
    }
}
