package dev.floe.cli;

import dev.floe.cli.pipelines.CreatePipelineCommand;
import dev.floe.cli.pipelines.DeletePipelineCommand;
import dev.floe.cli.pipelines.GetPipelineCommand;
import dev.floe.cli.pipelines.ListPipelinesCommand;
import dev.floe.cli.sinks.SinksCommand;
import dev.floe.cli.streams.StreamsCommand;
import picocli.CommandLine.Command;

/**
 * {@code floe pipelines}: the resources of Cloudflare's Pipelines API, as wrangler names them; the
 * pipelines themselves are its direct subcommands, as in {@code wrangler pipelines create}.
 */
@Command(
        name = "pipelines",
        description = {"Manage streams, sinks and pipelines.",
                "A stream takes events, a pipeline's SQL turns them into rows, and a sink writes those rows "
                        + "as files to a bucket: create a stream and a sink, then a pipeline that reads the one "
                        + "and writes the other."},
        subcommands = {
                StreamsCommand.class,
                SinksCommand.class,
                CreatePipelineCommand.class,
                ListPipelinesCommand.class,
                GetPipelineCommand.class,
                DeletePipelineCommand.class,
        })
public final class PipelinesCommand {
}
