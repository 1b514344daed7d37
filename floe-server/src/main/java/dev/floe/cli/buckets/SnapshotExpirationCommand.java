package dev.floe.cli.buckets;

import dev.floe.cli.ConnectionOptions;
import dev.floe.client.MaintenanceUpdate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code floe r2 bucket catalog snapshot-expiration enable|disable}, as wrangler's. */
@Command(
        name = "snapshot-expiration",
        description = {
            "Turn automatic snapshot expiration on or off for a data catalog, or for one of its tables.",
            "Expiration removes snapshots older than an age, always keeping the most recent ones, and deletes "
                    + "the files only they referred to; files no snapshot refers to that are days old (left by "
                    + "failed writes) go with it. It is off until enabled; a table's own setting overrides its "
                    + "catalog's."},
        footer = {
            "%nExamples:",
            "  floe catalog snapshot-expiration enable lake --older-than-days 7 --retain-last 10",
            "  floe catalog snapshot-expiration disable lake db events",
            "  floe catalog maintenance lake                               what the catalog's tables get now"})
public final class SnapshotExpirationCommand {
    @Spec
    private CommandSpec spec;

    @Command(name = "enable", description = "Enable snapshot expiration for a data catalog, or for one table of it.")
    int enable(@Mixin ConnectionOptions connection, @Mixin MaintenanceTarget target,
               @Option(names = "--older-than-days", paramLabel = "<days>",
                       description = "Expire snapshots older than this many days (default: as it was; 30 at first).")
               Integer olderThanDays,
               @Option(names = "--retain-last", paramLabel = "<count>",
                       description = "Always keep this many most recent snapshots (default: as it was; 5 at first).")
               Integer retainLast,
               @Option(names = "--token", paramLabel = "<token>",
                       description = "The credential wrangler asks for at catalog level; floe's maintenance needs "
                               + "none, but when given it must be the server's API token.") String token) {
        return target.change(spec, connection, token,
                MaintenanceUpdate.snapshotExpiration(true, olderThanDays, retainLast), "Enabled snapshot expiration");
    }

    @Command(name = "disable", description = "Disable snapshot expiration for a data catalog, or for one table of it.")
    int disable(@Mixin ConnectionOptions connection, @Mixin MaintenanceTarget target) {
        return target.change(spec, connection, null, MaintenanceUpdate.snapshotExpiration(false, null, null),
                "Disabled snapshot expiration");
    }
}
