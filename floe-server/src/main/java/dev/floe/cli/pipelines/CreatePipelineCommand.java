package dev.floe.cli.pipelines;

import dev.floe.cli.ConnectionOptions;
import dev.floe.cli.InputFiles;
import dev.floe.cli.output.JsonOption;
import dev.floe.client.FloeClient;
import dev.floe.client.PipelineInfo;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code floe pipelines create}, with wrangler's options. */
@Command(name = "create", description = {
        "Create a pipeline from SQL and start it: INSERT INTO <sink> SELECT ... FROM <stream> ..., "
                + "one or more statements separated by ';'.",
        "The SQL is checked against the streams and sinks that exist; an error names its line and column. "
                + "A sink takes the output of one pipeline only. Pipelines cannot be changed: delete and "
                + "create again."})
public final class CreatePipelineCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private JsonOption json;

    @Parameters(index = "0", paramLabel = "<name>",
            description = "Name of the new pipeline: letters, digits and underscores.")
    private String name;

    @ArgGroup(multiplicity = "1")
    private Source source;

    /** Where the SQL comes from: exactly one of the two. */
    static final class Source {
        @Option(names = "--sql", paramLabel = "<query>", required = true,
                description = "The SQL, such as \"INSERT INTO events_sink SELECT * FROM events\".")
        String sql;

        @Option(names = "--sql-file", paramLabel = "<file>", required = true,
                description = "A file holding the SQL.")
        Path sqlFile;
    }

    @Override
    public Integer call() {
        String sql = (source.sql != null ? source.sql : InputFiles.read(source.sqlFile, "SQL file")).strip();
        if (sql.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "the SQL is empty; give INSERT INTO <sink> SELECT ...");
        }
        PipelineInfo pipeline;
        try (FloeClient client = connection.connect()) {
            PipelineInfo created = client.pipelines().create(name, sql);
            // Creation answers without the streams and sinks; show them as get does.
            pipeline = client.pipelines().get(created.id());
        }
        PrintWriter out = spec.commandLine().getOut();
        json.print(out, pipeline.raw(), people -> {
            people.println("Created pipeline '" + pipeline.name() + "' with ID " + pipeline.id() + ".");
            people.println();
            PipelineDetails.print(people, pipeline);
        });
        return 0;
    }
}
