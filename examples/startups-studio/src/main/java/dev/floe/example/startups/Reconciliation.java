package dev.floe.example.startups;

import dev.floe.client.FloeClient;
import dev.floe.error.FloeException;
import dev.floe.objects.ObjectStub;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The check that ends the example: per table, the rows the objects committed (counted in their own
 * SQLite tables) against the rows the lake table holds, which must be the same rows exactly once.
 */
final class Reconciliation {
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

    private final FloeClient client;
    private final String bucket;
    private final Map<LakeFlow, Long> committed;

    private Reconciliation(FloeClient client, String bucket, Map<LakeFlow, Long> committed) {
        this.client = client;
        this.bucket = bucket;
        this.committed = committed;
    }

    /** Counts what the objects committed; call it once they are done. */
    static Reconciliation of(FloeClient client, String bucket, List<ObjectStub<? extends StudioObject>> objects) {
        Map<LakeFlow, Long> committed = new LinkedHashMap<>();
        for (LakeFlow flow : LakeFlow.ALL) {
            long rows = 0;
            for (ObjectStub<? extends StudioObject> object : objects) {
                rows += object.call(o -> o.committed(flow.kind()));
            }
            committed.put(flow, rows);
        }
        return new Reconciliation(client, bucket, committed);
    }

    long committed(LakeFlow flow) {
        return committed.get(flow);
    }

    /**
     * Waits until every table holds at least as many rows as the objects committed, or {@code timeout}.
     *
     * @return whether they all did in time
     */
    boolean awaitTables(Duration timeout, Consumer<String> progress) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long nextProgress = System.nanoTime() + PROGRESS_EVERY.toNanos();
        while (true) {
            Map<LakeFlow, Long> stored = storedRows();
            if (committed.entrySet().stream().allMatch(entry -> stored.get(entry.getKey()) >= entry.getValue())) {
                return true;
            }
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            if (System.nanoTime() - nextProgress > 0) {
                progress.accept("waiting for the tables: " + summary(stored));
                nextProgress = System.nanoTime() + PROGRESS_EVERY.toNanos();
            }
            Thread.sleep(POLL);
        }
    }

    /**
     * Prints {@code <table>: committed=<n> stored=<n>} per table (with the duplicates, if any).
     *
     * @return whether every table holds exactly the rows committed
     */
    boolean print(PrintWriter out) {
        boolean exact = true;
        for (LakeFlow flow : LakeFlow.ALL) {
            TableCounts stored = TableCounts.of(client, bucket, flow);
            long expected = committed.get(flow);
            boolean same = stored.rows() == expected && stored.duplicates() == 0;
            exact &= same;
            out.println(flow.table() + ": committed=" + expected + " stored=" + stored.rows()
                    + (stored.duplicates() == 0 ? "" : " duplicates=" + stored.duplicates()));
        }
        out.flush();
        return exact;
    }

    private Map<LakeFlow, Long> storedRows() {
        Map<LakeFlow, Long> stored = new LinkedHashMap<>();
        for (LakeFlow flow : LakeFlow.ALL) {
            stored.put(flow, rowsOrZero(flow));
        }
        return stored;
    }

    /** A table the sink has not created yet holds nothing yet. */
    private long rowsOrZero(LakeFlow flow) {
        try {
            return TableCounts.of(client, bucket, flow).rows();
        } catch (FloeException e) {
            if (e.code() == dev.floe.error.ErrorCode.NOT_FOUND) {
                return 0;
            }
            throw e;
        }
    }

    private String summary(Map<LakeFlow, Long> stored) {
        StringBuilder text = new StringBuilder();
        for (LakeFlow flow : LakeFlow.ALL) {
            text.append(text.isEmpty() ? "" : ", ").append(flow.table()).append(' ').append(stored.get(flow))
                    .append('/').append(committed.get(flow));
        }
        return text.toString();
    }
}
