package dev.floe.cli.buckets;

import dev.floe.cli.ConnectionOptions;
import dev.floe.cli.output.LabelledValues;
import dev.floe.client.FloeClient;
import dev.floe.client.MaintenanceInfo;
import dev.floe.client.MaintenanceUpdate;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;

/**
 * What a maintenance command is about, as wrangler takes it: {@code <bucket>} for a data catalog (what
 * its tables get unless set for themselves), {@code <bucket> <namespace> <table>} for one table.
 */
public final class MaintenanceTarget {
    @Parameters(index = "0", paramLabel = "<bucket>", description = "Name of the bucket whose data catalog it is.")
    private String bucket;

    @Parameters(index = "1", arity = "0..1", paramLabel = "<namespace>",
            description = "Namespace of the table, for one table only (levels of a nested one joined by dots).")
    private String namespace;

    @Parameters(index = "2", arity = "0..1", paramLabel = "<table>", description = "Name of the table, for one table only.")
    private String table;

    /** Whether it names one table rather than the whole catalog. */
    boolean isTable() {
        if ((namespace == null) != (table == null)) {
            throw new FloeException(ErrorCode.INVALID_REQUEST, "give both a namespace and a table for one table, "
                    + "or neither for the whole catalog of bucket '" + bucket + "'");
        }
        return table != null;
    }

    String bucket() {
        return bucket;
    }

    /** "the data catalog of bucket 'b'" or "table 'ns.t' in bucket 'b'", for messages. */
    String describe() {
        return isTable() ? "table '" + namespace + "." + table + "' in bucket '" + bucket + "'"
                : "the data catalog of bucket '" + bucket + "'";
    }

    /**
     * Changes the maintenance and prints what was done and what it now is. A {@code token} given for a
     * catalog is registered first, as wrangler registers its credential: floe's maintenance needs none,
     * so it only has to be the server's API token.
     *
     * @param done what was done, such as "Enabled compaction"
     */
    int change(CommandSpec spec, ConnectionOptions connection, String token, MaintenanceUpdate update, String done) {
        MaintenanceInfo info;
        try (FloeClient client = connection.connect()) {
            if (token != null && !isTable()) {
                client.catalogs().registerCredential(bucket, token);
            }
            info = isTable() ? client.catalogs().updateMaintenance(bucket, levels(), table, update)
                    : client.catalogs().updateMaintenance(bucket, update);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(done + " for " + describe() + ".");
        out.println();
        print(out, info);
        return 0;
    }

    MaintenanceInfo get(FloeClient client) {
        return isTable() ? client.catalogs().maintenance(bucket, levels(), table) : client.catalogs().maintenance(bucket);
    }

    private List<String> levels() {
        return Arrays.asList(namespace.split("\\."));
    }

    /** The maintenance as people read it. */
    static void print(PrintWriter out, MaintenanceInfo info) {
        new LabelledValues()
                .add("Compaction", info.compactionEnabled() ? "enabled" : "disabled")
                .add("Target file size", info.targetSizeMb() + " MB")
                .add("Snapshot expiration", info.snapshotExpirationEnabled() ? "enabled" : "disabled")
                .add("Expire snapshots older than", info.maxSnapshotAge())
                .add("Always keep", info.minSnapshotsToKeep() + " most recent snapshots")
                .print(out, 0);
    }
}
