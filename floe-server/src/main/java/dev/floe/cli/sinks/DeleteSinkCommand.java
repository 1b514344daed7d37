package dev.floe.cli.sinks;

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

/** {@code floe pipelines sinks delete}. The files it wrote stay in the bucket. */
@Command(name = "delete", description = "Delete a sink (the files it wrote stay in the bucket).")
public final class DeleteSinkCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ConnectionOptions connection;

    @Parameters(index = "0", paramLabel = "<sink>", description = "Name or ID of the sink.")
    private String sink;

    @Option(names = {"--force", "-y"}, description = "Do not ask for confirmation.")
    private boolean force;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (!force && !Terminal.confirm("Delete sink '" + sink + "'?")) {
            out.println("Cancelled; sink '" + sink + "' was not deleted.");
            return 0;
        }
        try (FloeClient client = connection.connect()) {
            client.sinks().delete(sink);
        }
        out.println("Deleted sink '" + sink + "'.");
        return 0;
    }
}
