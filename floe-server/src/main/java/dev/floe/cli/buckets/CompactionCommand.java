package dev.floe.cli.buckets;

import dev.floe.cli.ConnectionOptions;
import dev.floe.client.MaintenanceUpdate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code floe r2 bucket catalog compaction enable|disable}, as wrangler's. */
@Command(
        name = "compaction",
        description = {
            "Turn automatic compaction on or off for a data catalog, or for one of its tables.",
            "Compaction combines a table's small data files into files of a target size in the background, "
                    + "so that queries open fewer files. It is off until enabled; a table's own setting overrides "
                    + "its catalog's. The server's metrics (/metrics) and log say what each run did."},
        footer = {
            "%nExamples:",
            "  floe catalog compaction enable lake --target-size 256     every table of bucket lake's catalog",
            "  floe catalog compaction enable lake db events             table db.events only",
            "  floe catalog maintenance lake db events                   what db.events gets now"})
public final class CompactionCommand {
    @Spec
    private CommandSpec spec;

    @Command(name = "enable", description = "Enable compaction for a data catalog, or for one table of it.")
    int enable(@Mixin ConnectionOptions connection, @Mixin MaintenanceTarget target,
               @Option(names = "--target-size", paramLabel = "<MB>",
                       description = "Target size of compacted files in MB: 64, 128, 256 or 512 "
                               + "(default: as it was; 128 at first).") Integer targetSize,
               @Option(names = "--token", paramLabel = "<token>",
                       description = "The credential wrangler asks for at catalog level; floe's maintenance needs "
                               + "none, but when given it must be the server's API token.") String token) {
        return target.change(spec, connection, token, MaintenanceUpdate.compaction(true, targetSize),
                "Enabled compaction");
    }

    @Command(name = "disable", description = "Disable compaction for a data catalog, or for one table of it.")
    int disable(@Mixin ConnectionOptions connection, @Mixin MaintenanceTarget target) {
        return target.change(spec, connection, null, MaintenanceUpdate.compaction(false, null), "Disabled compaction");
    }
}
