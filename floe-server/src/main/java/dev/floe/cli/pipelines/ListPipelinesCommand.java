package dev.floe.cli.pipelines;

import dev.floe.cli.ConnectionOptions;
import dev.floe.cli.output.JsonOption;
import dev.floe.client.FloeClient;
import dev.floe.client.Page;
import dev.floe.client.PipelineInfo;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code floe pipelines list}. */
@Command(name = "list", description = "List pipelines with their status, a page at a time.")
public final class ListPipelinesCommand implements Callable<Integer> {
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
            description = "Pipelines per page (default: ${DEFAULT-VALUE}).")
    private int perPage;

    @Override
    public Integer call() {
        if (page < 1 || perPage < 1) {
            throw new ParameterException(spec.commandLine(), "--page and --per-page must be at least 1");
        }
        Page<PipelineInfo> pipelines;
        try (FloeClient client = connection.connect()) {
            pipelines = client.pipelines().list(page, perPage);
        }
        PrintWriter out = spec.commandLine().getOut();
        json.print(out, JsonOption.array(pipelines.items(), PipelineInfo::raw),
                people -> PipelineDetails.print(people, pipelines));
        return 0;
    }
}
