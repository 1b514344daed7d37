package dev.floe.cli.pipelines;

import dev.floe.cli.ConnectionOptions;
import dev.floe.cli.output.JsonOption;
import dev.floe.client.FloeClient;
import dev.floe.client.PipelineInfo;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code floe pipelines get}. */
@Command(name = "get", description = "Show a pipeline: its status (and why it failed), SQL, streams and sinks.")
public final class GetPipelineCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private JsonOption json;

    @Parameters(index = "0", paramLabel = "<pipeline>", description = "Name or ID of the pipeline.")
    private String pipeline;

    @Override
    public Integer call() {
        PipelineInfo found;
        try (FloeClient client = connection.connect()) {
            found = client.pipelines().get(pipeline);
        }
        PrintWriter out = spec.commandLine().getOut();
        json.print(out, found.raw(), people -> PipelineDetails.print(people, found));
        return 0;
    }
}
