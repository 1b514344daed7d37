package dev.floe.cli.pipelines;

import dev.floe.cli.ConnectionOptions;
import dev.floe.cli.output.JsonOption;
import dev.floe.cli.output.PageOptions;
import dev.floe.client.FloeClient;
import dev.floe.client.Page;
import dev.floe.client.PipelineInfo;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
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

    @Mixin
    private PageOptions pages;

    @Override
    public Integer call() {
        Page<PipelineInfo> pipelines;
        try (FloeClient client = connection.connect()) {
            pipelines = client.pipelines().list(pages.page(), pages.perPage());
        }
        PrintWriter out = spec.commandLine().getOut();
        json.print(out, JsonOption.array(pipelines.items(), PipelineInfo::raw),
                people -> PipelineDetails.print(people, pipelines));
        return 0;
    }
}
