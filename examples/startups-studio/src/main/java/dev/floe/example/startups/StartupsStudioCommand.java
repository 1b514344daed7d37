package dev.floe.example.startups;

import dev.floe.cli.CliErrorHandler;
import dev.floe.cli.ConnectionOptions;
import dev.floe.client.FloeClient;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import dev.floe.objects.Bindings;
import dev.floe.objects.ObjectRuntime;
import dev.floe.server.FloeServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./floe example startups-studio}: the whole system at work. Startup and Human objects emit
 * events, thing versions and actions through their outboxes into streams; the seeds' pipelines turn
 * their local ids into global ones and append them to Iceberg tables; the seeds' three queries ask
 * the tables across every object; and the tables are checked to hold exactly what the objects
 * committed.
 */
@Command(name = "startups-studio", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Run the startups.studio example against a floe server: create its bucket, catalog, streams, sinks "
                    + "and pipelines (replacing what an earlier run left of them, tables included), run a workload "
                    + "of Startup and Human objects, wait until the tables hold every event, thing version and "
                    + "action, print the answers of the seeds' three queries, then one line per table:",
            "  <table>: committed=<rows the objects committed> stored=<rows the table holds>",
            "It exits with 0 when every table holds exactly what was committed, 1 when not.",
            "Without --url (or FLOE_URL) and with nothing listening at " + FloeClient.DEFAULT_URL
                    + ", it starts a floe of its own there for the run."},
        footer = {"", "The pipeline SQL and stream schemas are in examples/startups-studio/streams; the bindings "
                + "in examples/startups-studio/wrangler.toml."})
public final class StartupsStudioCommand implements Callable<Integer> {
    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private ConnectionOptions connection;

    @Option(names = "--bucket", paramLabel = "<bucket>", defaultValue = "startups-studio",
            description = "The bucket whose catalog holds the tables (default: ${DEFAULT-VALUE}).")
    private String bucket;

    @Option(names = "--humans", paramLabel = "<n>", defaultValue = "12",
            description = "How many Human objects, nathan among them (default: ${DEFAULT-VALUE}).")
    private int humans;

    @Option(names = "--startups", paramLabel = "<n>", defaultValue = "200",
            description = "How many Startup objects (default: ${DEFAULT-VALUE}).")
    private int startups;

    @Option(names = "--seed", paramLabel = "<n>", defaultValue = "2024",
            description = "Seed of the workload, which repeats with the same seed (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--roll-interval", paramLabel = "<seconds>", defaultValue = "5",
            description = "How often the sinks commit to the tables (default: ${DEFAULT-VALUE}).")
    private long rollIntervalSeconds;

    @Option(names = "--timeout", paramLabel = "<seconds>", defaultValue = "300",
            description = "How long to wait for the tables to hold every row (default: ${DEFAULT-VALUE}).")
    private long timeoutSeconds;

    @Option(names = "--objects-dir", paramLabel = "<dir>",
            description = "An empty or new folder where the objects keep their SQLite databases, kept after "
                    + "the run (default: a new temporary folder, removed at the end).")
    private Path objectsDir;

    @Option(names = "--data-dir", paramLabel = "<dir>", defaultValue = "floe-data",
            description = "Where a floe started by the example keeps its data (default: ${DEFAULT-VALUE}).")
    private Path dataDir;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command, reporting failures as {@code error: …} with floe's exit codes, as the floe CLI does. */
    static CommandLine commandLine() {
        CliErrorHandler errors = new CliErrorHandler();
        return new CommandLine(new StartupsStudioCommand()).setExecutionExceptionHandler(errors)
                .setParameterExceptionHandler(errors);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Workload.Size size = new Workload.Size(humans, startups);
        if (rollIntervalSeconds < 1 || timeoutSeconds < 1) {
            throw new FloeException(ErrorCode.INVALID_REQUEST, "--roll-interval and --timeout must be at least 1 second");
        }
        if (objectsDir != null) {
            requireEmpty(objectsDir);
        }
        try (FloeClient client = connection.connect()) {
            Optional<FloeServer> started = LocalFloe.startUnlessRunning(client.baseUrl(), client.accountId(),
                    client.apiToken(), dataDir);
            started.ifPresent(server -> say(out, "started a floe at " + server.baseUrl() + " with its data in "
                    + dataDir.toAbsolutePath()));
            try {
                return run(client, size, out);
            } finally {
                started.ifPresent(FloeServer::close);
            }
        }
    }

    private int run(FloeClient client, Workload.Size size, PrintWriter out) throws Exception {
        Bindings bindings = Bindings.parseToml(StudioLake.resource("wrangler.toml"));
        for (LakeFlow flow : LakeFlow.ALL) {
            if (!bindings.stream(flow.binding()).equals(Optional.of(flow.stream()))) {
                throw new FloeException(ErrorCode.INVALID_REQUEST, "wrangler.toml must bind " + flow.binding()
                        + " to stream " + flow.stream() + ", found " + bindings.stream(flow.binding()).orElse("nothing"));
            }
        }
        new StudioLake(client, bucket, Duration.ofSeconds(rollIntervalSeconds), line -> say(out, line)).create();
        boolean temporary = objectsDir == null;
        Path objects = temporary ? Files.createTempDirectory("startups-studio-objects-") : objectsDir;
        try {
            Reconciliation reconciliation;
            try (ObjectRuntime runtime = ObjectRuntime.builder(objects).register(Startup.NAMESPACE)
                    .register(Human.NAMESPACE).bindings(bindings).floe(client).build()) {
                Workload workload = new Workload(runtime, size, seed);
                long started = System.nanoTime();
                workload.run();
                say(out, String.format("%d objects made %,d state-changing calls in %.1f s", workload.objects().size(),
                        workload.calls(), (System.nanoTime() - started) / 1e9));
                reconciliation = Reconciliation.of(client, bucket, workload.objects());
                if (!runtime.drain(Duration.ofSeconds(timeoutSeconds))) {
                    say(out, "the outboxes were not delivered within " + timeoutSeconds + " s");
                }
            }
            say(out, "waiting for the pipelines to commit every row to the tables ...");
            if (!reconciliation.awaitTables(Duration.ofSeconds(timeoutSeconds), line -> say(out, line))) {
                say(out, "the tables did not hold every row within " + timeoutSeconds + " s");
            }
            out.println();
            SeedQueries.print(client, bucket, out);
            return reconciliation.print(out) ? 0 : 1;
        } finally {
            if (temporary) {
                deleteTree(objects);
            }
        }
    }

    /** Objects of an earlier run would count what they committed then, which the reset tables no longer hold. */
    private static void requireEmpty(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            try (Stream<Path> entries = Files.list(folder)) {
                if (entries.findAny().isPresent()) {
                    throw new FloeException(ErrorCode.INVALID_REQUEST, "--objects-dir " + folder + " is not empty: "
                            + "give an empty or new folder, as the example starts its objects and tables afresh");
                }
            }
        }
    }

    private static void say(PrintWriter out, String line) {
        out.println("startups-studio: " + line);
        out.flush();
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the objects' temporary folder " + root, e);
        }
    }
}
