package dev.floe.cli.sinks;

import picocli.CommandLine.Command;

/** {@code floe pipelines sinks}: where pipelines write. */
@Command(
        name = "sinks",
        description = "Manage sinks: where pipelines write files (JSON or Parquet, in a bucket).",
        subcommands = {
                CreateSinkCommand.class,
                ListSinksCommand.class,
                GetSinkCommand.class,
                DeleteSinkCommand.class,
        })
public final class SinksCommand {
}
