package dev.floe.cli.streams;

import dev.floe.cli.ConnectionOptions;
import dev.floe.cli.output.JsonOption;
import dev.floe.client.FloeClient;
import dev.floe.client.StreamInfo;
import dev.floe.client.StreamSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code floe pipelines streams create}, with wrangler's options. */
@Command(name = "create", description = "Create a stream.")
public final class CreateStreamCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private JsonOption json;

    @Parameters(index = "0", paramLabel = "<name>",
            description = "Name of the new stream: letters, digits and underscores.")
    private String name;

    @Option(names = "--schema-file", paramLabel = "<file>",
            description = "JSON file with the schema records must match: {\"fields\":[...]}. "
                    + "Without it the stream is unstructured and takes any JSON.")
    private Path schemaFile;

    @Option(names = "--http-enabled", arity = "0..1", paramLabel = "<true|false>",
            defaultValue = "true", fallbackValue = "true",
            description = "Whether the stream takes records at its HTTP endpoint (default: ${DEFAULT-VALUE}).")
    private boolean httpEnabled;

    @Option(names = "--http-auth", arity = "0..1", paramLabel = "<true|false>",
            defaultValue = "true", fallbackValue = "true",
            description = "Whether the HTTP endpoint requires the API token (default: ${DEFAULT-VALUE}).")
    private boolean httpAuthentication;

    @Option(names = "--cors-origin", paramLabel = "<origin>",
            description = "An origin browsers may send records from, such as https://example.com or *; "
                    + "repeat it for several.")
    private List<String> corsOrigins = new ArrayList<>();

    @Override
    public Integer call() {
        StreamSpec.Builder builder = StreamSpec.builder(name)
                .httpEnabled(httpEnabled)
                .httpAuthentication(httpAuthentication)
                .corsOrigins(corsOrigins);
        if (schemaFile != null) {
            builder.schema(SchemaFile.read(schemaFile));
        }
        StreamSpec streamSpec = builder.build();
        StreamInfo stream;
        try (FloeClient client = connection.connect()) {
            stream = client.streams().create(streamSpec);
        }
        PrintWriter out = spec.commandLine().getOut();
        json.print(out, stream.raw(), people -> {
            people.println("Created stream '" + stream.name() + "' with ID " + stream.id() + ".");
            people.println();
            StreamDetails.print(people, stream);
        });
        return 0;
    }
}
