package dev.floe.cli;

import dev.floe.cli.buckets.BucketCommand;
import picocli.CommandLine.Command;

/** {@code floe r2}: R2's resources, as wrangler names them. */
@Command(
        name = "r2",
        description = "Manage buckets, where sinks write their files, and their Iceberg data catalogs.",
        subcommands = {
                BucketCommand.class,
        })
public final class R2Command {
}
