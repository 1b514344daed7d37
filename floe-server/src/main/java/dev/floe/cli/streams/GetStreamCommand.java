package dev.floe.cli.streams;

import dev.floe.cli.ConnectionOptions;
import dev.floe.cli.output.JsonOption;
import dev.floe.client.FloeClient;
import dev.floe.client.StreamInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code floe pipelines streams get}. */
@Command(name = "get", description = "Show a stream's settings and schema.")
public final class GetStreamCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private JsonOption json;

    @Parameters(index = "0", paramLabel = "<stream>", description = "Name or ID of the stream.")
    private String stream;

    @Override
    public Integer call() {
        StreamInfo info;
        try (FloeClient client = connection.connect()) {
            info = client.streams().get(stream);
        }
        PrintWriter out = spec.commandLine().getOut();
        json.print(out, info.raw(), people -> StreamDetails.print(people, info));
        return 0;
    }
}
