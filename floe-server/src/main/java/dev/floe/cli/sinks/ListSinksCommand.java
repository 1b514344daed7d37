package dev.floe.cli.sinks;

import dev.floe.cli.ConnectionOptions;
import dev.floe.cli.output.JsonOption;
import dev.floe.cli.output.PageOptions;
import dev.floe.client.FloeClient;
import dev.floe.client.Page;
import dev.floe.client.SinkInfo;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
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

    @Mixin
    private PageOptions pages;

    @Override
    public Integer call() {
        Page<SinkInfo> sinks;
        try (FloeClient client = connection.connect()) {
            sinks = client.sinks().list(pages.page(), pages.perPage());
        }
        PrintWriter out = spec.commandLine().getOut();
        json.print(out, JsonOption.array(sinks.items(), SinkInfo::raw), people -> SinkDetails.print(people, sinks));
        return 0;
    }
}
