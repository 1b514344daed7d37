package dev.floe.cli.streams;

import dev.floe.cli.ConnectionOptions;
import dev.floe.cli.output.JsonOption;
import dev.floe.cli.output.PageOptions;
import dev.floe.client.FloeClient;
import dev.floe.client.Page;
import dev.floe.client.StreamInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code floe pipelines streams list}. */
@Command(name = "list", description = "List streams, a page at a time.")
public final class ListStreamsCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private JsonOption json;

    @Mixin
    private PageOptions pages;

    @Option(names = "--name", paramLabel = "<filter>",
            description = "Show only streams whose name contains this.")
    private String nameFilter;

    @Override
    public Integer call() {
        Page<StreamInfo> streams;
        try (FloeClient client = connection.connect()) {
            streams = client.streams().list(pages.page(), pages.perPage(), nameFilter);
        }
        PrintWriter out = spec.commandLine().getOut();
        json.print(out, JsonOption.array(streams.items(), StreamInfo::raw),
                people -> StreamList.print(people, streams));
        return 0;
    }
}
