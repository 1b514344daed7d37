package dev.floe.cli.buckets;

import dev.floe.cli.ConnectionOptions;
import dev.floe.client.FloeClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code floe r2 bucket delete}. Like wrangler's it does not ask for confirmation: only an empty
 * bucket can be deleted, so nothing stored is lost.
 */
@Command(name = "delete", description = "Delete an empty bucket (an S3 bucket behind it is left as it is).")
public final class DeleteBucketCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ConnectionOptions connection;

    @Parameters(index = "0", paramLabel = "<name>", description = "Name of the bucket.")
    private String name;

    @Override
    public Integer call() {
        try (FloeClient client = connection.connect()) {
            client.buckets().delete(name);
        }
        spec.commandLine().getOut().println("Deleted bucket '" + name + "'.");
        return 0;
    }
}
