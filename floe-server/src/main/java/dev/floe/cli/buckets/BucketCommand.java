package dev.floe.cli.buckets;

import picocli.CommandLine.Command;

/** {@code floe r2 bucket}: buckets, in a folder of floe's data directory or in an S3 bucket. */
@Command(
        name = "bucket",
        description = "Manage buckets: places for objects, in floe's data directory or in an S3 bucket.",
        subcommands = {
                CreateBucketCommand.class,
                ListBucketsCommand.class,
                BucketInfoCommand.class,
                DeleteBucketCommand.class,
                CatalogCommand.class,
        })
public final class BucketCommand {
}
