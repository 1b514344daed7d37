package dev.floe.cli.sinks;

import dev.floe.cli.ConnectionOptions;
import dev.floe.cli.output.JsonOption;
import dev.floe.client.FloeClient;
import dev.floe.client.Page;
import dev.floe.client.SinkInfo;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code floe pipelines sinks list}. */
@Command(name = "list", description = "List sinks, a page at a time.")
public final class ListSinksCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private JsonOption json;

    @Option(names = "--page", paramLabel = "<n>", defaultValue = "1",
            description = "Page to show, from 1 (default: ${DEFAULT-VALUE}).")
    private int page;

    @Option(names = "--per-page", paramLabel = "<n>", defaultValue = "20",
            description = "Sinks per page (default: ${DEFAULT-VALUE}).")
    private int perPage;

    @Override
    public Integer call() {
        if (page < 1 || perPage < 1) {
            throw new ParameterException(spec.commandLine(), "--page and --per-page must be at least 1");
        }
        Page<SinkInfo> sinks;
        try (FloeClient client = connection.connect()) {
            sinks = client.sinks().list(page, perPage);
        }
        PrintWriter out = spec.commandLine().getOut();
        json.print(out, JsonOption.array(sinks.items(), SinkInfo::raw), people -> SinkDetails.print(people, sinks));
        return 0;
    }
}
