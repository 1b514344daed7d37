package dev.floe.cli.buckets;

import dev.floe.cli.ConnectionOptions;
import dev.floe.cli.output.JsonOption;
import dev.floe.client.BucketInfo;
import dev.floe.client.FloeClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code floe r2 bucket info}. */
@Command(name = "info", description = "Show a bucket's settings and where its objects are stored.")
public final class BucketInfoCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private JsonOption json;

    @Parameters(index = "0", paramLabel = "<name>", description = "Name of the bucket.")
    private String name;

    @Override
    public Integer call() {
        BucketInfo bucket;
        try (FloeClient client = connection.connect()) {
            bucket = client.buckets().get(name);
        }
        PrintWriter out = spec.commandLine().getOut();
        json.print(out, bucket.raw(), people -> BucketDetails.print(people, bucket));
        return 0;
    }
}
