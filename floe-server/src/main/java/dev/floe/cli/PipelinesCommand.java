package dev.floe.cli;

import dev.floe.cli.sinks.SinksCommand;
import dev.floe.cli.streams.StreamsCommand;
import picocli.CommandLine.Command;

/** {@code floe pipelines}: the resources of Cloudflare's Pipelines API, as wrangler names them. */
@Command(
        name = "pipelines",
        description = "Manage streams, sinks and pipelines.",
        subcommands = {
                StreamsCommand.class,
                SinksCommand.class,
        })
public final class PipelinesCommand {
}
