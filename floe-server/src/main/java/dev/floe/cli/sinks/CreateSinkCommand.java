package dev.floe.cli.sinks;

import dev.floe.cli.ConnectionOptions;
import dev.floe.cli.output.JsonOption;
import dev.floe.client.FloeClient;
import dev.floe.client.SinkInfo;
import dev.floe.client.SinkSpec;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code floe pipelines sinks create}, with wrangler's options. */
@Command(name = "create", description = "Create a sink.")
public final class CreateSinkCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private JsonOption json;

    @Parameters(index = "0", paramLabel = "<name>",
            description = "Name of the new sink: letters, digits and underscores.")
    private String name;

    @Option(names = "--type", required = true, paramLabel = "<r2|r2-data-catalog>",
            description = "Type of sink: r2 (files in a bucket) or r2-data-catalog (an Iceberg table in the "
                    + "bucket's catalog, which must be enabled).")
    private String type;

    @Option(names = "--bucket", required = true, paramLabel = "<bucket>", description = "The bucket files go to.")
    private String bucket;

    @Option(names = "--format", paramLabel = "<json|parquet>", description = "File format (default: parquet).")
    private String format;

    @Option(names = "--compression", paramLabel = "<codec>",
            description = "Parquet: zstd (default), snappy, gzip, lz4 or uncompressed; JSON: none or gzip.")
    private String compression;

    @Option(names = "--target-row-group-size", paramLabel = "<MB>",
            description = "Parquet row group size, such as 128MB.")
    private String targetRowGroupSize;

    @Option(names = "--path", paramLabel = "<prefix>", description = "The folder in the bucket files go under.")
    private String path;

    @Option(names = "--partitioning", paramLabel = "<pattern>",
            description = "Time folders below the path (default: year=%%Y/month=%%m/day=%%d).")
    private String partitioning;

    @Option(names = "--roll-size", paramLabel = "<MB>", description = "Start a new file once one reaches this size.")
    private Long rollSizeMegabytes;

    @Option(names = "--roll-interval", paramLabel = "<seconds>",
            description = "Start a new file this often (default: 300).")
    private Long rollIntervalSeconds;

    @Option(names = "--access-key-id", paramLabel = "<id>",
            description = "S3 access key id (unused for local buckets).")
    private String accessKeyId;

    @Option(names = "--secret-access-key", paramLabel = "<secret>",
            description = "S3 secret access key (unused for local buckets).")
    private String secretAccessKey;

    @Option(names = "--namespace", paramLabel = "<namespace>",
            description = "r2-data-catalog: the table's namespace, created when missing.")
    private String namespace;

    @Option(names = "--table", paramLabel = "<table>",
            description = "r2-data-catalog: the table, created from the pipeline's columns when missing.")
    private String table;

    @Option(names = "--catalog-token", paramLabel = "<token>",
            description = "r2-data-catalog: the catalog token, as Cloudflare asks for one (kept, not needed here).")
    private String catalogToken;

    @Override
    public Integer call() {
        SinkSpec.Builder builder = SinkSpec.builder(name, type.replace('-', '_'), bucket);
        if ((namespace == null) != (table == null)) {
            throw new ParameterException(spec.commandLine(), "give both --namespace and --table, or neither");
        }
        if (table != null) {
            builder.table(namespace, table, catalogToken);
        }
        if (format != null) {
            builder.format(format);
        }
        if (compression != null) {
            builder.compression(compression);
        }
        if (targetRowGroupSize != null) {
            builder.rowGroupBytes(megabytes("--target-row-group-size", targetRowGroupSize.replaceAll("(?i)MB$", "")));
        }
        if (path != null) {
            builder.path(path);
        }
        if (partitioning != null) {
            builder.timePattern(partitioning);
        }
        if (rollSizeMegabytes != null) {
            builder.rollFileSizeBytes(rollSizeMegabytes * 1024 * 1024);
        }
        if (rollIntervalSeconds != null) {
            builder.rollIntervalSeconds(rollIntervalSeconds);
        }
        if ((accessKeyId == null) != (secretAccessKey == null)) {
            throw new ParameterException(spec.commandLine(),
                    "give both --access-key-id and --secret-access-key, or neither");
        }
        if (accessKeyId != null) {
            builder.credentials(accessKeyId, secretAccessKey);
        }
        SinkInfo sink;
        try (FloeClient client = connection.connect()) {
            sink = client.sinks().create(builder.build());
        }
        PrintWriter out = spec.commandLine().getOut();
        json.print(out, sink.raw(), people -> {
            people.println("Created sink '" + sink.name() + "' with ID " + sink.id() + ".");
            people.println();
            SinkDetails.print(people, sink);
        });
        return 0;
    }

    private long megabytes(String option, String value) {
        try {
            return Long.parseLong(value.trim()) * 1024 * 1024;
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(),
                    option + " must be a number of megabytes, got '" + value + "'");
        }
    }
}
