package dev.floe.cli.buckets;

import dev.floe.cli.ConnectionOptions;
import dev.floe.cli.output.JsonOption;
import dev.floe.client.BucketInfo;
import dev.floe.client.BucketSpec;
import dev.floe.client.FloeClient;
import dev.floe.client.S3Storage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code floe r2 bucket create}, like wrangler's, and with the options of an S3-backed bucket. */
@Command(name = "create", sortOptions = false,
        description = {"Create a bucket.",
                "Its objects go to a folder of floe's data directory, or with --s3-bucket to an existing S3 bucket."})
public final class CreateBucketCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private JsonOption json;

    @Parameters(index = "0", paramLabel = "<name>",
            description = "Name of the new bucket: 3 to 63 lowercase letters, digits and hyphens.")
    private String name;

    @Option(names = "--location", paramLabel = "<hint>",
            description = "R2 location hint to record: weur, eeur, apac, wnam, enam or oc.")
    private String location;

    @Option(names = {"--storage-class", "-s"}, paramLabel = "<class>",
            description = "Default storage class to record: Standard (default) or InfrequentAccess.")
    private String storageClass;

    @Option(names = "--s3-bucket", paramLabel = "<bucket>",
            description = "Keep the objects in this existing S3 bucket instead of the data directory.")
    private String s3Bucket;

    @Option(names = "--s3-endpoint", paramLabel = "<url>",
            description = "The S3 API's URL, such as http://127.0.0.1:9000 (default: AWS, by region).")
    private String s3Endpoint;

    @Option(names = "--s3-region", paramLabel = "<region>", description = "The region to sign for (default us-east-1).")
    private String s3Region;

    @Option(names = "--s3-path-style",
            description = "Put the bucket in the URL's path rather than its host name, as most self-hosted stores need.")
    private boolean s3PathStyle;

    @Option(names = "--s3-access-key-id", paramLabel = "<id>", defaultValue = "${env:AWS_ACCESS_KEY_ID}",
            description = "The S3 access key (default: $AWS_ACCESS_KEY_ID).")
    private String s3AccessKeyId;

    @Option(names = "--s3-secret-access-key", paramLabel = "<secret>", defaultValue = "${env:AWS_SECRET_ACCESS_KEY}",
            description = "Its secret (default: $AWS_SECRET_ACCESS_KEY, which keeps it out of the process list).")
    private String s3SecretAccessKey;

    @Override
    public Integer call() {
        BucketSpec bucketSpec = BucketSpec.builder(name)
                .locationHint(location)
                .storageClass(storageClass)
                .s3(s3())
                .build();
        BucketInfo bucket;
        try (FloeClient client = connection.connect()) {
            bucket = client.buckets().create(bucketSpec);
        }
        PrintWriter out = spec.commandLine().getOut();
        json.print(out, bucket.raw(), people -> {
            people.println("Created bucket '" + bucket.name() + "' with"
                    + (bucket.location() == null ? "" : " location hint " + bucket.location() + " and")
                    + " default storage class of " + bucket.storageClass() + ".");
            people.println("Its objects are stored in " + BucketDetails.storedIn(bucket) + ".");
        });
        return 0;
    }

    private S3Storage s3() {
        if (s3Bucket == null) {
            if (s3Endpoint != null || s3Region != null || s3PathStyle) {
                throw new ParameterException(spec.commandLine(),
                        "--s3-endpoint, --s3-region and --s3-path-style need --s3-bucket");
            }
            return null;
        }
        if (s3AccessKeyId == null || s3SecretAccessKey == null) {
            throw new ParameterException(spec.commandLine(), "an S3 bucket needs credentials: give "
                    + "--s3-access-key-id and --s3-secret-access-key, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
        }
        return new S3Storage(s3Endpoint, s3Region, s3Bucket, s3PathStyle, s3AccessKeyId, s3SecretAccessKey);
    }
}
