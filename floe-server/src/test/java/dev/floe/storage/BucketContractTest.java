package dev.floe.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every kind of {@link Bucket} promises. Each kind runs it through a subclass that makes a new,
 * empty bucket for every test.
 */
abstract class BucketContractTest {
    @TempDir
    Path scratch;

    Bucket bucket;

    /** A new, empty bucket of the kind under test. */
    abstract Bucket newBucket() throws Exception;

    @BeforeEach
    void openBucket() throws Exception {
        bucket = newBucket();
    }

    @AfterEach
    void closeBucket() {
        bucket.close();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static FloeException failure(Runnable action) {
        try {
            action.run();
        } catch (FloeException e) {
            return e;
        }
        throw new AssertionError("expected a FloeException");
    }

    @Test
    void bytesReadBackAsWrittenEveryWay() throws Exception {
        bucket.write("events/2026/01/part-0.json", utf8("{\"a\":1}\n"));

        assertThat(bucket.exists("events/2026/01/part-0.json")).isTrue();
        assertThat(bucket.read("events/2026/01/part-0.json")).isEqualTo(utf8("{\"a\":1}\n"));
        try (InputStream in = bucket.open("events/2026/01/part-0.json")) {
            assertThat(in.readAllBytes()).isEqualTo(utf8("{\"a\":1}\n"));
        }
        Path downloaded = scratch.resolve("downloaded.json");
        Files.writeString(downloaded, "something longer that the download must replace entirely");
        bucket.download("events/2026/01/part-0.json", downloaded);
        assertThat(Files.readAllBytes(downloaded)).isEqualTo(utf8("{\"a\":1}\n"));
    }

    @Test
    void aFileReadsBackAsWritten() throws Exception {
        Path source = Files.writeString(scratch.resolve("source.ndjson"), "{\"n\":1}\n{\"n\":2}\n");

        bucket.write("from-file.ndjson", source);

        assertThat(bucket.read("from-file.ndjson")).isEqualTo(Files.readAllBytes(source));
    }

    @Test
    void anEmptyObjectIsAnObject() {
        bucket.write("empty", new byte[0]);

        assertThat(bucket.exists("empty")).isTrue();
        assertThat(bucket.read("empty")).isEmpty();
        assertThat(bucket.list("")).extracting(StoredObject::size).containsExactly(0L);
    }

    @Test
    void writingAgainReplacesTheWholeObject() throws Exception {
        bucket.write("state.json", utf8("a much longer first version of the object"));
        bucket.write("state.json", utf8("short"));
        assertThat(bucket.read("state.json")).isEqualTo(utf8("short"));

        Path source = Files.writeString(scratch.resolve("third"), "third version, from a file");
        bucket.write("state.json", source);
        assertThat(bucket.read("state.json")).isEqualTo(utf8("third version, from a file"));
        assertThat(bucket.list("")).extracting(StoredObject::key).containsExactly("state.json");
    }

    @Test
    void keysThatAreUnusualButSafeWork() {
        List<String> keys = List.of("with space/ünïcode-€.json", "a/.hidden", "a/..not-a-parent", "a/b~c+d=e@f,g;h");
        for (String key : keys) {
            bucket.write(key, utf8(key));
        }
        for (String key : keys) {
            assertThat(bucket.read(key)).isEqualTo(utf8(key));
        }
        assertThat(bucket.list("")).extracting(StoredObject::key)
                .containsExactly("a/..not-a-parent", "a/.hidden", "a/b~c+d=e@f,g;h", "with space/ünïcode-€.json");
    }

    @Test
    void listingReturnsTheObjectsUnderAPrefixInKeyOrderWithSizeAndTime() {
        Instant before = Instant.now().minusSeconds(2);
        bucket.write("logs/b.json", utf8("bb"));
        bucket.write("logs/a.json", utf8("a"));
        bucket.write("logs/sub/c.json", utf8("ccc"));
        bucket.write("logs2/d.json", utf8("dddd"));
        bucket.write("other/e.json", utf8("eeeee"));
        Instant after = Instant.now().plusSeconds(2);

        List<StoredObject> logs = bucket.list("logs/");
        assertThat(logs).extracting(StoredObject::key).containsExactly("logs/a.json", "logs/b.json", "logs/sub/c.json");
        assertThat(logs).extracting(StoredObject::size).containsExactly(1L, 2L, 3L);
        assertThat(logs).allSatisfy(object -> assertThat(object.lastModified()).isBetween(before, after));

        assertThat(bucket.list("logs")).extracting(StoredObject::key)
                .containsExactly("logs/a.json", "logs/b.json", "logs/sub/c.json", "logs2/d.json");
        assertThat(bucket.list("logs/sub/c")).extracting(StoredObject::key).containsExactly("logs/sub/c.json");
        assertThat(bucket.list("nothing/here/")).isEmpty();
        assertThat(bucket.list("")).hasSize(5);
    }

    @Test
    void listingReturnsEveryPageOfAPrefixWithMoreThanAThousandObjects() throws Exception {
        int count = 1005;
        try (ExecutorService writers = Executors.newFixedThreadPool(8)) {
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String key = String.format("many/%05d.json", i);
                writes.add(writers.submit(() -> bucket.write(key, utf8(key))));
            }
            for (Future<?> write : writes) {
                write.get();
            }
        }
        bucket.write("zzz-outside", utf8("x"));

        List<String> keys = bucket.list("many/").stream().map(StoredObject::key).toList();

        assertThat(keys).hasSize(count);
        assertThat(keys).isEqualTo(IntStream.range(0, count).mapToObj(i -> String.format("many/%05d.json", i)).toList());
    }

    @Test
    void deleteRemovesTheObjectAndIgnoresOneThatIsMissing() {
        bucket.write("dir/one", utf8("1"));
        bucket.write("dir/two", utf8("2"));

        bucket.delete("dir/one");
        bucket.delete("dir/one");
        bucket.delete("never/written");

        assertThat(bucket.exists("dir/one")).isFalse();
        assertThat(bucket.list("")).extracting(StoredObject::key).containsExactly("dir/two");
        bucket.delete("dir/two");
        assertThat(bucket.list("")).isEmpty();
    }

    @Test
    void isEmptyTellsWhetherAnyObjectIsLeft() {
        assertThat(bucket.isEmpty()).isTrue();
        bucket.write("deep/inside/object", utf8("x"));
        assertThat(bucket.isEmpty()).isFalse();
        bucket.delete("deep/inside/object");
        assertThat(bucket.isEmpty()).isTrue();
    }

    @Test
    void aMissingObjectIsNotFound() {
        bucket.write("present", utf8("x"));
        Path target = scratch.resolve("never-created");

        assertThat(bucket.exists("absent")).isFalse();
        assertThat(failure(() -> bucket.read("absent")).code()).isEqualTo(ErrorCode.NOT_FOUND);
        FloeException opening = failure(() -> bucket.open("absent/deeper"));
        assertThat(opening.code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(opening.getMessage()).contains("absent/deeper", bucket.location());
        assertThat(failure(() -> bucket.download("absent", target)).code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(target).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/etc/passwd", "..", ".", "../outside", "a/../../outside", "a/./b", "a//b", "a/",
            "windows\\path", "nul\u0000byte", "line\nbreak"})
    void keysThatCouldEscapeTheBucketAreRefusedByEveryOperation(String key) {
        for (Runnable operation : List.<Runnable>of(
                () -> bucket.write(key, utf8("x")),
                () -> bucket.read(key),
                () -> bucket.exists(key),
                () -> bucket.delete(key))) {
            FloeException refused = failure(operation);
            assertThat(refused.code()).as(refused.getMessage()).isEqualTo(ErrorCode.INVALID_REQUEST);
            assertThat(refused.getMessage()).contains(key.isEmpty() ? "empty" : "is invalid");
        }
        assertThat(bucket.isEmpty()).isTrue();
    }

    @Test
    void aKeyLongerThanS3AllowsIsRefused() {
        String key = "k".repeat(1025);
        assertThat(failure(() -> bucket.write(key, utf8("x"))).getMessage()).contains("longer than 1024 bytes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/abs", "../", "a/../", "a//", "x\\y", "tab\t"})
    void prefixesThatCouldEscapeTheBucketAreRefused(String prefix) {
        FloeException refused = failure(() -> bucket.list(prefix));
        assertThat(refused.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(refused.getMessage()).contains("list prefix");
    }

    @Test
    void aSourceThatIsNotAFileIsRefusedAndWritesNothing() {
        FloeException missing = failure(() -> bucket.write("x", scratch.resolve("no-such-file")));
        assertThat(missing.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(missing.getMessage()).contains("no-such-file", "does not exist");
        assertThat(failure(() -> bucket.write("x", scratch)).getMessage()).contains("not a regular file");
        assertThat(bucket.isEmpty()).isTrue();
    }

    @Test
    void aLargeFileIsStoredWhole() throws Exception {
        byte[] content = new byte[20 * 1024 * 1024 + 12345];
        new Random(42).nextBytes(content);
        Path source = Files.write(scratch.resolve("large.bin"), content);

        bucket.write("large/object.bin", source);

        assertThat(bucket.list("large/")).extracting(StoredObject::size).containsExactly((long) content.length);
        Path downloaded = scratch.resolve("large-downloaded.bin");
        bucket.download("large/object.bin", downloaded);
        assertThat(sha256(Files.readAllBytes(downloaded))).isEqualTo(sha256(content));
    }

    /**
     * Readers racing a writer that keeps replacing an object see one whole version or another,
     * never a mix or a part.
     */
    @Test
    void readersNeverSeeAPartialObject() throws Exception {
        byte[] small = new byte[256 * 1024];
        Arrays.fill(small, (byte) 'a');
        byte[] large = new byte[1024 * 1024];
        Arrays.fill(large, (byte) 'b');
        bucket.write("contended", small);
        AtomicBoolean writing = new AtomicBoolean(true);
        try (ExecutorService threads = Executors.newFixedThreadPool(3)) {
            Future<?> writer = threads.submit(() -> {
                try {
                    for (int i = 0; i < 20; i++) {
                        bucket.write("contended", i % 2 == 0 ? large : small);
                    }
                } finally {
                    writing.set(false);
                }
            });
            List<Future<?>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                readers.add(threads.submit(() -> {
                    do {
                        byte[] seen = bucket.read("contended");
                        assertThat(seen).satisfiesAnyOf(
                                bytes -> assertThat(bytes).isEqualTo(small),
                                bytes -> assertThat(bytes).isEqualTo(large));
                    } while (writing.get());
                }));
            }
            writer.get();
            for (Future<?> reader : readers) {
                reader.get();
            }
        }
    }

    static byte[] sha256(byte[] bytes) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }
}
