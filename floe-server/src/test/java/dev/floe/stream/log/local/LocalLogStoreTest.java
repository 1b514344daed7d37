package dev.floe.stream.log.local;

import dev.floe.error.ErrorCode;
import dev.floe.stream.log.LogConfig;
import dev.floe.stream.log.StreamLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.floe.stream.log.local.LogTestSupport.appendNow;
import static dev.floe.stream.log.local.LogTestSupport.assertFails;
import static dev.floe.stream.log.local.LogTestSupport.batch;
import static dev.floe.stream.log.local.LogTestSupport.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

class LocalLogStoreTest {
    @TempDir
    Path root;

    @Test
    void eachStreamHasItsOwnLogInItsOwnDirectory() {
        try (LocalLogStore store = new LocalLogStore(root, LogConfig.DEFAULTS)) {
            StreamLog orders = store.open("orders");
            StreamLog clicks = store.open("clicks");
            appendNow(orders, batch(1_000, "o"));

            assertThat(store.open("orders")).isSameAs(orders);
            assertThat(clicks.endOffset()).isZero();
            assertThat(root.resolve("orders").resolve("00000000000000000000.log")).exists();
            assertThat(root.resolve("clicks")).isDirectory();
        }
    }

    @Test
    void deleteClosesTheLogAndRemovesEverythingItHeld() {
        try (LocalLogStore store = new LocalLogStore(root, LogConfig.DEFAULTS)) {
            StreamLog log = store.open("orders");
            appendNow(log, batch(1_000, "o"));
            log.registerConsumer("c", 0);

            store.delete("orders");

            assertThat(root.resolve("orders")).doesNotExist();
            assertThat(failureOf(log.append(batch(1_000, "late"))).code()).isEqualTo(ErrorCode.UNAVAILABLE);
            StreamLog recreated = store.open("orders");
            assertThat(recreated.endOffset()).isZero();
            assertThat(recreated.consumers()).isEmpty();
            store.delete("never-opened");
        }
    }

    @Test
    void aStreamIdMustBeAPlainDirectoryName() {
        try (LocalLogStore store = new LocalLogStore(root, LogConfig.DEFAULTS)) {
            for (String bad : new String[] {"", "..", ".hidden", "a/b", "..\\up", "x".repeat(129), "a b"}) {
                assertFails(() -> store.open(bad), ErrorCode.INVALID_REQUEST, "invalid stream id");
            }
            assertFails(() -> store.delete("../" + root.getFileName()), ErrorCode.INVALID_REQUEST, "invalid stream id");
            assertThat(store.open("a1b2-c3_d4.e5").endOffset()).isZero();
        }
    }

    @Test
    void closingTheStoreClosesEveryLogAndRefusesToOpenMore() throws Exception {
        LocalLogStore store = new LocalLogStore(root, LogConfig.DEFAULTS);
        StreamLog log = store.open("orders");
        var pending = log.append(batch(1_000, "queued"));

        store.close();

        assertThat(pending).isCompleted();
        assertThat(failureOf(log.append(batch(1_000, "late"))).code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertFails(() -> store.open("orders"), ErrorCode.UNAVAILABLE, "closed");
        assertThat(Files.size(root.resolve("orders").resolve("00000000000000000000.log"))).isPositive();
    }
}
