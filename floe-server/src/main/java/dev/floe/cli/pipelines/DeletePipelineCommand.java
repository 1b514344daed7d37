package dev.floe.cli.pipelines;

import dev.floe.cli.ConnectionOptions;
import dev.floe.cli.Terminal;
import dev.floe.client.FloeClient;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code floe pipelines delete}. The files it wrote stay in their bucket. */
@Command(name = "delete", description = "Stop and delete a pipeline (the files it wrote stay in the bucket; "
        + "its streams and sinks stay too).")
public final class DeletePipelineCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ConnectionOptions connection;

    @Parameters(index = "0", paramLabel = "<pipeline>", description = "Name or ID of the pipeline.")
    private String pipeline;

    @Option(names = {"--force", "-y"}, description = "Do not ask for confirmation.")
    private boolean force;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (!force && !Terminal.confirm("Delete pipeline '" + pipeline + "'?")) {
            out.println("Cancelled; pipeline '" + pipeline + "' was not deleted.");
            return 0;
        }
        try (FloeClient client = connection.connect()) {
            client.pipelines().delete(pipeline);
        }
        out.println("Deleted pipeline '" + pipeline + "'.");
        return 0;
    }
}
