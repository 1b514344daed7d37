package dev.floe.cli.buckets;

import dev.floe.cli.ConnectionOptions;
import dev.floe.cli.output.JsonOption;
import dev.floe.cli.output.TablePrinter;
import dev.floe.client.BucketInfo;
import dev.floe.client.FloeClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code floe r2 bucket list}. */
@Command(name = "list", description = "List every bucket, by name.")
public final class ListBucketsCommand implements Callable<Integer> {
    static final String EMPTY = "No buckets found.";

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private JsonOption json;

    @Override
    public Integer call() {
        List<BucketInfo> buckets;
        try (FloeClient client = connection.connect()) {
            buckets = client.buckets().list();
        }
        PrintWriter out = spec.commandLine().getOut();
        json.print(out, JsonOption.array(buckets, BucketInfo::raw), people -> printTable(people, buckets));
        return 0;
    }

    private static void printTable(PrintWriter out, List<BucketInfo> buckets) {
        if (buckets.isEmpty()) {
            out.println(EMPTY);
            return;
        }
        TablePrinter table = new TablePrinter("Name", "Created", "Location", "Storage class", "Objects stored in");
        for (BucketInfo bucket : buckets) {
            table.addRow(bucket.name(), BucketDetails.created(bucket), bucket.location(), bucket.storageClass(),
                    BucketDetails.storedIn(bucket));
        }
        table.print(out, 0);
    }
}
