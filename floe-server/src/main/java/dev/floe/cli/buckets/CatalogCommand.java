package dev.floe.cli.buckets;

import dev.floe.cli.ConnectionOptions;
import dev.floe.cli.output.JsonOption;
import dev.floe.cli.output.LabelledValues;
import dev.floe.client.CatalogInfo;
import dev.floe.client.FloeClient;
import dev.floe.client.MaintenanceInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;

/**
 * {@code floe r2 bucket catalog enable|disable|get|maintenance|compaction|snapshot-expiration}: a
 * bucket's data catalog, the Iceberg REST catalog that engines such as Spark, Trino, DuckDB and
 * PyIceberg connect to, and its tables' maintenance. Also {@code floe catalog …}.
 */
@Command(
        name = "catalog",
        description = {
            "Manage a bucket's data catalog: an Iceberg REST catalog of tables kept in the bucket, and the "
                    + "maintenance the server does on them (compaction, snapshot expiration)."},
        subcommands = {
                CompactionCommand.class,
                SnapshotExpirationCommand.class,
        })
public final class CatalogCommand {
    @Spec
    private CommandSpec spec;

    @Command(name = "enable", description = "Enable the data catalog of a bucket (again: its tables come back).")
    int enable(@Mixin ConnectionOptions connection,
               @Parameters(paramLabel = "<bucket>", description = "Name of the bucket.") String bucket) {
        CatalogInfo catalog;
        try (FloeClient client = connection.connect()) {
            catalog = client.catalogs().enable(bucket);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("Enabled the data catalog of bucket '" + bucket + "'.");
        out.println();
        describe(out, catalog);
        out.println();
        out.println("Connect an Iceberg client with this catalog URI and warehouse, and the server's API token as its token.");
        return 0;
    }

    @Command(name = "disable", description = "Disable the data catalog of a bucket; its tables' files stay in the bucket.")
    int disable(@Mixin ConnectionOptions connection,
                @Parameters(paramLabel = "<bucket>", description = "Name of the bucket.") String bucket) {
        try (FloeClient client = connection.connect()) {
            client.catalogs().disable(bucket);
        }
        spec.commandLine().getOut().println("Disabled the data catalog of bucket '" + bucket
                + "'. Its tables' files stay in the bucket; enable it again to serve them.");
        return 0;
    }

    @Command(name = "get", description = "Show a bucket's data catalog: its URI, warehouse and status.")
    int get(@Mixin ConnectionOptions connection, @Mixin JsonOption json,
            @Parameters(paramLabel = "<bucket>", description = "Name of the bucket.") String bucket) {
        CatalogInfo catalog;
        try (FloeClient client = connection.connect()) {
            catalog = client.catalogs().get(bucket);
        }
        PrintWriter out = spec.commandLine().getOut();
        json.print(out, catalog.raw(), people -> describe(people, catalog));
        return 0;
    }

    @Command(name = "maintenance",
            description = "Show the maintenance a data catalog's tables get, or one table gets (its own settings, "
                    + "and its catalog's for the rest).")
    int maintenance(@Mixin ConnectionOptions connection, @Mixin JsonOption json, @Mixin MaintenanceTarget target) {
        MaintenanceInfo info;
        try (FloeClient client = connection.connect()) {
            info = target.get(client);
        }
        PrintWriter out = spec.commandLine().getOut();
        json.print(out, info.raw(), people -> MaintenanceTarget.print(people, info));
        return 0;
    }

    private static void describe(PrintWriter out, CatalogInfo catalog) {
        new LabelledValues()
                .add("Catalog URI", catalog.catalogUri())
                .add("Warehouse", catalog.warehouse())
                .add("Status", catalog.status())
                .print(out, 0);
    }
}
