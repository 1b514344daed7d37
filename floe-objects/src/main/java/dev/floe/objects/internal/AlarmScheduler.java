package dev.floe.objects.internal;

import dev.floe.objects.ObjectId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When each object's alarm fires. The schedule is memory only, built from committed alarms: each
 * commit that changes an alarm updates it, and at start the runtime schedules the alarms it finds in
 * the databases the pending index lists. A failing alarm is tried again after {@code retryDelay},
 * doubling each time, {@code maxRetries} times; then it is dropped, and said so at ERROR.
 */
final class AlarmScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlarmScheduler.class);

    /** Runs an object's due alarm; throws when the alarm handler failed. */
    interface Runner {
        void run(ObjectId<?> id, int retryCount);

        /** Deletes an alarm that failed too often. */
        void drop(ObjectId<?> id);
    }

    /** One scheduled firing; superseded ones find they are no longer the object's and do nothing. */
    private static final class Scheduled {
        private volatile ScheduledFuture<?> future;

        void cancel() {
            ScheduledFuture<?> running = future;
            if (running != null) {
                running.cancel(false);
            }
        }
    }

    private final Clock clock;
    private final Duration retryDelay;
    private final int maxRetries;
    private final ScheduledExecutorService timer;
    private final ExecutorService workers;
    private final ConcurrentHashMap<String, Scheduled> scheduled = new ConcurrentHashMap<>();
    private Runner runner;

    AlarmScheduler(Clock clock, Duration retryDelay, int maxRetries, ScheduledExecutorService timer, ExecutorService workers) {
        this.clock = clock;
        this.retryDelay = retryDelay;
        this.maxRetries = maxRetries;
        this.timer = timer;
        this.workers = workers;
    }

    void runner(Runner runner) {
        this.runner = runner;
    }

    /** Makes the schedule of {@code id} match its committed alarm. */
    void set(ObjectId<?> id, Optional<Instant> alarm) {
        if (alarm.isEmpty()) {
            Scheduled previous = scheduled.remove(id.local());
            if (previous != null) {
                previous.cancel();
            }
            return;
        }
        schedule(id, Math.max(0, alarm.get().toEpochMilli() - clock.millis()), 0);
    }

    /**
     * Schedules an alarm the previous run left, unless the object's schedule was made since start: a
     * commit that changed the alarm, or a firing that failed and waits to retry, is newer than what
     * recovery read, and replacing it would fire again as a first attempt.
     */
    void recover(ObjectId<?> id, Optional<Instant> alarm) {
        if (alarm.isPresent() && !scheduled.containsKey(id.local())) {
            set(id, alarm);
        }
    }

    private void schedule(ObjectId<?> id, long delayMillis, int retryCount) {
        Scheduled entry = new Scheduled();
        Scheduled previous = scheduled.put(id.local(), entry);
        if (previous != null) {
            previous.cancel();
        }
        entry.future = timer.schedule(() -> workers.execute(() -> fire(id, retryCount, entry)), delayMillis,
                TimeUnit.MILLISECONDS);
    }

    private void fire(ObjectId<?> id, int retryCount, Scheduled self) {
        if (scheduled.get(id.local()) != self) {
            return;
        }
        try {
            runner.run(id, retryCount);
        } catch (RuntimeException e) {
            if (scheduled.get(id.local()) != self) {
                return;
            }
            if (retryCount < maxRetries) {
                long delay = retryDelay.toMillis() << Math.min(retryCount, 20);
                LOG.warn("the alarm of {} failed (attempt {}), trying again in {} ms: {}", id, retryCount + 1, delay,
                        e.toString());
                schedule(id, delay, retryCount + 1);
            } else {
                LOG.error("the alarm of {} failed {} times and is dropped: {}", id, retryCount + 1, e.toString(), e);
                scheduled.remove(id.local(), self);
                runner.drop(id);
            }
        }
    }

    int scheduledCount() {
        return scheduled.size();
    }

    @Override
    public void close() {
        scheduled.values().forEach(Scheduled::cancel);
        scheduled.clear();
    }
}
