package dev.floe.catalog.maintenance;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each job's outcome in metrics and in the log. Metrics, tagged by job kind, bucket and table:
 * {@code floe_maintenance_jobs_seconds} (a timer, also tagged {@code outcome}: {@code success},
 * {@code idle} when there was nothing to do, {@code skipped} when it cannot run on the table,
 * {@code failure}), and the counters
 * {@code floe_maintenance_files_in_total}, {@code …_files_out_total}, {@code …_bytes_in_total},
 * {@code …_bytes_out_total}. A job that did something is logged at INFO, one that failed at WARN (why one is skipped is said once,
 * by the scheduler).
 */
final class MaintenanceMetrics {
    private static final Logger LOG = LoggerFactory.getLogger(MaintenanceMetrics.class);

    private final MeterRegistry registry;

    MaintenanceMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(JobOutcome outcome) {
        Timer.builder("floe.maintenance.jobs")
                .description("Maintenance jobs run, by kind, table and outcome")
                .tags("kind", outcome.kind().label(), "bucket", outcome.bucket(), "table", outcome.table(),
                        "outcome", outcome.status().label())
                .register(registry)
                .record(outcome.duration());
        count("floe.maintenance.files.in", "Files maintenance rewrote or deleted", outcome, outcome.filesIn());
        count("floe.maintenance.files.out", "Files maintenance wrote", outcome, outcome.filesOut());
        count("floe.maintenance.bytes.in", "Bytes of the files maintenance rewrote or deleted", outcome,
                outcome.bytesIn());
        count("floe.maintenance.bytes.out", "Bytes of the files maintenance wrote", outcome, outcome.bytesOut());
        log(outcome);
    }

    private void count(String name, String description, JobOutcome outcome, long amount) {
        Counter.builder(name)
                .description(description)
                .tags("kind", outcome.kind().label(), "bucket", outcome.bucket(), "table", outcome.table())
                .register(registry)
                .increment(amount);
    }

    private static void log(JobOutcome outcome) {
        if (outcome.status() == JobOutcome.Status.IDLE || outcome.status() == JobOutcome.Status.SKIPPED) {
            return;
        }
        String what = outcome.kind().label().replace('_', ' ') + " of " + outcome.bucket() + "/" + outcome.table();
        String files = outcome.filesIn() + " files (" + megabytes(outcome.bytesIn()) + ") in, " + outcome.filesOut()
                + " files (" + megabytes(outcome.bytesOut()) + ") out, " + outcome.duration().toMillis() + " ms"
                + (outcome.detail() != null ? "; " + outcome.detail() : "");
        if (outcome.status() == JobOutcome.Status.DONE) {
            LOG.info("Maintenance: {}: {}", what, files);
        } else {
            LOG.warn("Maintenance: {} failed; it is tried again later: {}", what, files);
        }
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
