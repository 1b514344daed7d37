package dev.floe.cli.sinks;

import dev.floe.cli.ConnectionOptions;
import dev.floe.cli.output.JsonOption;
import dev.floe.client.FloeClient;
import dev.floe.client.SinkInfo;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code floe pipelines sinks get}. */
@Command(name = "get", description = "Show a sink's settings.")
public final class GetSinkCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private JsonOption json;

    @Parameters(index = "0", paramLabel = "<sink>", description = "Name or ID of the sink.")
    private String sink;

    @Override
    public Integer call() {
        SinkInfo found;
        try (FloeClient client = connection.connect()) {
            found = client.sinks().get(sink);
        }
        PrintWriter out = spec.commandLine().getOut();
        json.print(out, found.raw(), people -> SinkDetails.print(people, found));
        return 0;
    }
}
