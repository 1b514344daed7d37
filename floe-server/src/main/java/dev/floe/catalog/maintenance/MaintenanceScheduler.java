package dev.floe.catalog.maintenance;

import dev.floe.catalog.BucketCatalog;
import dev.floe.catalog.CatalogService;
import dev.floe.catalog.CatalogState;
import dev.floe.engine.DuckDbEngine;
import dev.floe.engine.EngineSettings;
import dev.floe.error.FloeException;
import dev.floe.io.AtomicFiles;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs maintenance in the background: every {@code interval}, one round over every table of every
 * enabled catalog, each table's jobs as its policy says and when they are due. The public face of
 * maintenance's work.
 *
 * <p>Per table and round, in this order: compaction (at most every {@code compactionInterval}, at most
 * {@code compactionMaxBytes}), then, at most every {@code cleanupInterval}, the manifest rewrite (with
 * compaction enabled), snapshot expiration and orphan-file removal (with expiration enabled). One
 * thread does everything, one table after another, so that maintenance takes at most the engine's
 * threads and never races itself; its races with other writers are settled by Iceberg's commits.
 * When a job was last run is kept in memory: after a restart every job is due.
 *
 * <p>{@link #close()} stops a compaction in progress without committing it and waits for the round to
 * end; the other jobs are short and run to their end.
 */
public final class MaintenanceScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MaintenanceScheduler.class);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(30);

    private final CatalogService catalogs;
    private final MaintenanceConfigs configs;
    private final MaintenanceSettings settings;
    private final EngineSettings engineSettings;
    private final MaintenanceMetrics metrics;
    private final Clock clock;
    private final Compaction compaction;
    private final ScheduledExecutorService executor;
    private final ReentrantLock rounds = new ReentrantLock();
    private final Map<String, Instant> lastRuns = new ConcurrentHashMap<>();
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    private DuckDbEngine engine;
    private volatile boolean closed;

    /**
     * @param engineSettings the DuckDB compaction rewrites with, opened on the first compaction; its
     *                       work directory holds nothing but scratch files and is emptied now
     */
    public MaintenanceScheduler(CatalogService catalogs, MaintenanceConfigs configs, MaintenanceSettings settings,
                                EngineSettings engineSettings, MeterRegistry registry, Clock clock) {
        this.catalogs = catalogs;
        this.configs = configs;
        this.settings = settings;
        this.engineSettings = engineSettings;
        this.metrics = new MaintenanceMetrics(registry);
        this.clock = clock;
        this.compaction = new Compaction(this::engine, RowGroupCopy.MIN_AVERAGE_ROW_GROUP_ROWS);
        try {
            AtomicFiles.deleteTree(engineSettings.workDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear maintenance's scratch folder " + engineSettings.workDirectory(), e);
        }
        this.executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
                .name("floe-catalog-maintenance").daemon(true).factory());
    }

    /** Starts the rounds: the first one an interval from now. */
    public void start() {
        long interval = settings.interval().toMillis();
        executor.scheduleWithFixedDelay(this::scheduledRound, interval, interval, TimeUnit.MILLISECONDS);
    }

    private void scheduledRound() {
        try {
            runRound();
        } catch (RuntimeException e) {
            LOG.warn("A maintenance round failed; the next one runs in {}", settings.interval(), e);
        }
    }

    /**
     * Runs one round now, on the calling thread (after a round in progress), and answers what every
     * job did, idle ones included.
     */
    public List<JobOutcome> runRound() {
        rounds.lock();
        try {
            List<JobOutcome> outcomes = new ArrayList<>();
            for (CatalogState state : catalogs.list()) {
                if (!closed && state.active()) {
                    maintainCatalog(state, outcomes);
                }
            }
            return outcomes;
        } finally {
            rounds.unlock();
        }
    }

    private void maintainCatalog(CatalogState state, List<JobOutcome> outcomes) {
        CatalogPolicies policies = configs.current(state);
        if (!policies.catalog().anyEnabled() && policies.tables().isEmpty()) {
            return;
        }
        BucketCatalog catalog;
        Map<TableIdentifier, Table> tables;
        try {
            catalog = catalogs.catalog(state.bucket());
            tables = loadTables(catalog.catalog());
        } catch (FloeException | org.apache.iceberg.jdbc.UncheckedSQLException e) {
            LOG.warn("Cannot maintain the tables of bucket {} this round: {}", state.bucket(), e.getMessage());
            return;
        }
        for (Map.Entry<TableIdentifier, Table> entry : tables.entrySet()) {
            if (closed) {
                return;
            }
            MaintainedTable table = new MaintainedTable(state.bucket(), entry.getKey(), entry.getValue());
            MaintenancePolicy policy = policies.effective(table.table().uuid().toString());
            List<String> otherLocations = tables.values().stream().filter(other -> other != entry.getValue())
                    .map(Table::location).toList();
            maintainTable(table, policy, otherLocations, outcomes);
        }
    }

    private void maintainTable(MaintainedTable table, MaintenancePolicy policy, List<String> otherLocations,
                               List<JobOutcome> outcomes) {
        Instant now = clock.instant();
        String uuid = table.table().uuid().toString();
        if (policy.compaction().enabled() && due(uuid, JobKind.COMPACTION, settings.compactionInterval(), now)) {
            record(table, compaction.run(table, policy.compaction(), settings.compactionMaxBytes()), outcomes);
        }
        if (policy.compaction().enabled() && due(uuid, JobKind.MANIFEST_REWRITE, settings.cleanupInterval(), now)) {
            record(table, ManifestRewrite.run(table), outcomes);
        }
        if (policy.snapshotExpiration().enabled()
                && due(uuid, JobKind.SNAPSHOT_EXPIRATION, settings.cleanupInterval(), now)) {
            record(table, SnapshotExpiration.run(table, policy.snapshotExpiration(), clock.instant()), outcomes);
            record(table, OrphanFileRemoval.run(table, otherLocations, clock.instant().minus(settings.orphanFileAge())),
                    outcomes);
        }
    }

    /** Whether a job is due on a table; if so, it counts as run now. */
    private boolean due(String uuid, JobKind kind, Duration interval, Instant now) {
        Instant last = lastRuns.get(uuid + "/" + kind);
        if (last != null && last.plus(interval).isAfter(now)) {
            return false;
        }
        lastRuns.put(uuid + "/" + kind, now);
        return true;
    }

    private void record(MaintainedTable table, JobOutcome outcome, List<JobOutcome> outcomes) {
        metrics.record(outcome);
        outcomes.add(outcome);
        // Why a job keeps doing nothing (an unsupported column, gc.enabled=false) is said once, not every round.
        if (outcome.status() == JobOutcome.Status.SKIPPED
                && warned.add(table.table().uuid() + "/" + outcome.kind() + "/" + outcome.detail())) {
            LOG.warn("Maintenance: no {} of {}: {}", outcome.kind().label().replace('_', ' '), table.label(),
                    outcome.detail());
        }
    }

    /** Every table of the catalog, in every namespace however nested, loaded. */
    private static Map<TableIdentifier, Table> loadTables(JdbcCatalog catalog) {
        Map<TableIdentifier, Table> tables = new LinkedHashMap<>();
        List<Namespace> pending = new ArrayList<>(catalog.listNamespaces(Namespace.empty()));
        while (!pending.isEmpty()) {
            Namespace namespace = pending.removeFirst();
            pending.addAll(catalog.listNamespaces(namespace));
            for (TableIdentifier identifier : catalog.listTables(namespace)) {
                try {
                    tables.put(identifier, catalog.loadTable(identifier));
                } catch (NoSuchTableException e) {
                    // dropped since it was listed
                }
            }
        }
        return tables;
    }

    private synchronized DuckDbEngine engine() {
        if (engine == null) {
            engine = DuckDbEngine.open(engineSettings);
        }
        return engine;
    }

    /** Stops the rounds: a compaction in progress ends without committing; waits for the round to end. */
    @Override
    public void close() {
        closed = true;
        compaction.stop();
        executor.shutdown();
        try {
            if (!rounds.tryLock(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("A maintenance job did not stop within {}; leaving it to the process's end", SHUTDOWN_WAIT);
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            synchronized (this) {
                if (engine != null) {
                    engine.close();
                }
            }
        } finally {
            rounds.unlock();
        }
    }
}
