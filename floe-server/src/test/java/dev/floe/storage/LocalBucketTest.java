package dev.floe.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The bucket contract on a local directory, and what is particular to files. */
class LocalBucketTest extends BucketContractTest {
    private Path root;
    private Path staging;

    @Override
    Bucket newBucket() {
        root = scratch.resolve("buckets/test");
        staging = scratch.resolve("buckets/.staging");
        return new LocalBucket(root, staging);
    }

    @Test
    void objectsAreFilesUnderTheRootAndNothingStaysInStaging() throws Exception {
        bucket.write("a/b/c.json", "{}".getBytes(StandardCharsets.UTF_8));
        bucket.write("d.json", Files.writeString(scratch.resolve("d"), "d"));

        assertThat(Files.readString(root.resolve("a/b/c.json"))).isEqualTo("{}");
        assertThat(Files.readString(root.resolve("d.json"))).isEqualTo("d");
        try (var leftovers = Files.list(staging)) {
            assertThat(leftovers).isEmpty();
        }
        assertThat(bucket.location()).isEqualTo(root.toAbsolutePath().toString());
    }

    @Test
    void deletingTheLastObjectOfAFolderRemovesTheEmptyFolders() {
        bucket.write("a/b/c.json", new byte[] {1});
        bucket.write("a/keep.json", new byte[] {2});

        bucket.delete("a/b/c.json");

        assertThat(root.resolve("a/b")).doesNotExist();
        assertThat(root.resolve("a/keep.json")).exists();
        bucket.delete("a/keep.json");
        assertThat(root.resolve("a")).doesNotExist();
        assertThat(root).isDirectory();
    }

    @Test
    void anObjectCannotAlsoBeAFolderOfObjects() {
        bucket.write("a", new byte[] {1});
        assertThatThrownBy(() -> bucket.write("a/b", new byte[] {2}))
                .isInstanceOfSatisfying(FloeException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
                    assertThat(e.getMessage()).contains("'a' is an object");
                });

        bucket.write("x/y", new byte[] {3});
        assertThatThrownBy(() -> bucket.write("x", new byte[] {4}))
                .isInstanceOfSatisfying(FloeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));

        assertThat(bucket.read("a")).containsExactly(1);
        assertThat(bucket.read("x/y")).containsExactly(3);
        assertThat(bucket.exists("x")).isFalse();
        assertThat(failingCode(() -> bucket.read("x"))).isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void aStagingDirectoryInsideTheBucketIsRefused() {
        assertThatThrownBy(() -> new LocalBucket(scratch.resolve("b"), scratch.resolve("b/.staging")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static ErrorCode failingCode(Runnable action) {
        try {
            action.run();
        } catch (FloeException e) {
            return e.code();
        }
        return null;
    }
}
