package dev.floe.cli.streams;

import dev.floe.cli.ConnectionOptions;
import dev.floe.cli.Terminal;
import dev.floe.client.FloeClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code floe pipelines streams delete}. */
@Command(name = "delete", description = "Delete a stream and the records it holds.")
public final class DeleteStreamCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ConnectionOptions connection;

    @Parameters(index = "0", paramLabel = "<stream>", description = "Name or ID of the stream.")
    private String stream;

    @Option(names = {"--force", "-y"},
            description = "Do not ask for confirmation, and delete the stream even when pipelines read from it.")
    private boolean force;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (!force && !Terminal.confirm("Delete stream '" + stream + "' and all its records?")) {
            out.println("Cancelled; stream '" + stream + "' was not deleted.");
            return 0;
        }
        try (FloeClient client = connection.connect()) {
            client.streams().delete(stream, force);
        }
        out.println("Deleted stream '" + stream + "'.");
        return 0;
    }
}
