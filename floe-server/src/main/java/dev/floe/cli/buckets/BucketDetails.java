package dev.floe.cli.buckets;

import dev.floe.cli.output.LabelledValues;
import dev.floe.client.BucketInfo;

import java.io.PrintWriter;

/** One bucket for a person: its R2 settings and where its objects are. */
final class BucketDetails {
    static final String DATA_DIRECTORY = "floe's data directory";

    private BucketDetails() {
    }

    static void print(PrintWriter out, BucketInfo bucket) {
        new LabelledValues()
                .add("Name", bucket.name())
                .add("Created", created(bucket))
                .add("Location", bucket.location())
                .add("Default storage class", bucket.storageClass())
                .add("Objects stored in", storedIn(bucket))
                .print(out, 0);
    }

    static String created(BucketInfo bucket) {
        return bucket.createdAt() == null ? null : bucket.createdAt().toString();
    }

    static String storedIn(BucketInfo bucket) {
        return bucket.s3() == null ? DATA_DIRECTORY : bucket.s3().describe();
    }
}
