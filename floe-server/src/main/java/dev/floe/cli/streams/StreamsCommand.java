package dev.floe.cli.streams;

import picocli.CommandLine.Command;

/** {@code floe pipelines streams}: the durable streams records are sent to. */
@Command(
        name = "streams",
        description = "Manage streams: the durable logs that take records over HTTP or a binding.",
        subcommands = {
                CreateStreamCommand.class,
                ListStreamsCommand.class,
                GetStreamCommand.class,
                DeleteStreamCommand.class,
        })
public final class StreamsCommand {
}
