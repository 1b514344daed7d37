package dev.floe.cli.streams;

import dev.floe.cli.ConnectionOptions;
import dev.floe.cli.output.JsonOption;
import dev.floe.client.FloeClient;
import dev.floe.client.Page;
import dev.floe.client.StreamInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
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

    @Option(names = "--page", paramLabel = "<n>", defaultValue = "1",
            description = "Page to show, from 1 (default: ${DEFAULT-VALUE}).")
    private int page;

    @Option(names = "--per-page", paramLabel = "<n>", defaultValue = "20",
            description = "Streams per page (default: ${DEFAULT-VALUE}).")
    private int perPage;

    @Option(names = "--name", paramLabel = "<filter>",
            description = "Show only streams whose name contains this.")
    private String nameFilter;

    @Override
    public Integer call() {
        if (page < 1 || perPage < 1) {
            throw new ParameterException(spec.commandLine(), "--page and --per-page must be at least 1");
        }
        Page<StreamInfo> streams;
        try (FloeClient client = connection.connect()) {
            streams = client.streams().list(page, perPage, nameFilter);
        }
        PrintWriter out = spec.commandLine().getOut();
        json.print(out, JsonOption.array(streams.items(), StreamInfo::raw),
                people -> StreamList.print(people, streams));
        return 0;
    }
}
