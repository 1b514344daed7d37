package dev.floe.stream.log.local;

import dev.floe.stream.log.AppendBatch;
import dev.floe.stream.log.AppendResult;
import dev.floe.stream.log.LogConfig;
import dev.floe.stream.log.LogRecord;
import dev.floe.stream.log.StreamLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static dev.floe.stream.log.local.LogTestSupport.STREAM;
import static dev.floe.stream.log.local.LogTestSupport.appendNow;
import static dev.floe.stream.log.local.LogTestSupport.await;
import static dev.floe.stream.log.local.LogTestSupport.batch;
import static dev.floe.stream.log.local.LogTestSupport.copyDirectory;
import static dev.floe.stream.log.local.LogTestSupport.readAll;
import static dev.floe.stream.log.local.LogTestSupport.segmentFiles;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Damages the end of a log the way a crash or a bad disk does (cut at any byte, bytes flipped) and
 * checks that recovery keeps exactly the whole, intact batches before the first damaged one.
 */
class TornTailPropertyTest {
    private static final long SEED = 0x5EED_F10EL;
    private static final int TRIALS = 150;
    private static final int MIN_BATCHES_IN_LAST_SEGMENT = 15;
    private static final String PRODUCER = "producer-1";
    private static final LogConfig CONFIG = LogConfig.DEFAULTS.withSegmentBytes(16 << 10);

    @TempDir
    Path root;

    /** A batch as appended, and where it landed. */
    private record Written(AppendBatch batch, long firstOffset, Path segment, long position, long size) {
        long endPosition() {
            return position + size;
        }
    }

    @Test
    void recoveryKeepsExactlyTheIntactPrefixOfWholeBatches() throws IOException {
        Random random = new Random(SEED);
        Path template = root.resolve("template");
        List<Written> written = writeTemplate(template, random);
        Path lastSegment = written.getLast().segment();
        List<Written> inLastSegment = written.stream().filter(w -> w.segment().equals(lastSegment)).toList();
        assertThat(inLastSegment).hasSizeGreaterThanOrEqualTo(MIN_BATCHES_IN_LAST_SEGMENT);

        for (int trial = 0; trial < TRIALS; trial++) {
            Path trialRoot = root.resolve("trial-" + trial);
            copyDirectory(template.resolve(STREAM), trialRoot.resolve(STREAM));
            Path damaged = trialRoot.resolve(STREAM).resolve(lastSegment.getFileName());
            long firstBadByte = damage(damaged, random);
            int survivors = (int) written.stream()
                    .filter(w -> !w.segment().equals(lastSegment) || w.endPosition() <= firstBadByte)
                    .count();

            try (LocalLogStore store = new LocalLogStore(trialRoot, CONFIG)) {
                StreamLog log = store.open(STREAM);
                String context = "trial " + trial + ", first bad byte " + firstBadByte;
                assertHoldsExactly(log, written.subList(0, survivors), context);
                long expectedSize = survivors == 0 ? 0 : written.get(survivors - 1).segment().equals(lastSegment)
                        ? written.get(survivors - 1).endPosition() : 0;
                assertThat(Files.size(damaged)).as(context).isEqualTo(expectedSize);
                assertAppendsContinue(log, written, survivors, context);
            }
        }
    }

    /**
     * Writes batches of random records, some from an idempotent producer, until the last of several
     * segments holds enough of them, and maps where each one is.
     */
    private static List<Written> writeTemplate(Path template, Random random) throws IOException {
        List<AppendBatch> batches = new ArrayList<>();
        List<AppendResult> results = new ArrayList<>();
        try (LocalLogStore store = new LocalLogStore(template, CONFIG)) {
            StreamLog log = store.open(STREAM);
            long sequence = 0;
            int segments = 1;
            int batchesInLastSegment = 0;
            while (segments < 3 || batchesInLastSegment < MIN_BATCHES_IN_LAST_SEGMENT) {
                List<ByteBuffer> records = new ArrayList<>();
                int count = 1 + random.nextInt(6);
                for (int r = 0; r < count; r++) {
                    byte[] payload = new byte[random.nextInt(300)];
                    random.nextBytes(payload);
                    records.add(ByteBuffer.wrap(payload));
                }
                boolean withProducer = random.nextBoolean();
                AppendBatch batch = new AppendBatch(records, withProducer ? PRODUCER : null, withProducer ? sequence : 0,
                        1_000 + batches.size());
                sequence += withProducer ? count : 0;
                batches.add(batch);
                results.add(appendNow(log, batch));
                batchesInLastSegment = log.stats().segments() == segments ? batchesInLastSegment + 1 : 1;
                segments = log.stats().segments();
            }
        }
        return locate(template.resolve(STREAM), batches, results);
    }

    /** Works out each batch's file and position from the documented layout alone. */
    private static List<Written> locate(Path directory, List<AppendBatch> batches,
                                        List<AppendResult> results) throws IOException {
        List<Path> segments = segmentFiles(directory);
        List<Written> written = new ArrayList<>();
        Path segment = null;
        long position = 0;
        for (int i = 0; i < batches.size(); i++) {
            AppendBatch batch = batches.get(i);
            long firstOffset = results.get(i).firstOffset();
            Path holding = segmentHolding(segments, firstOffset);
            if (!holding.equals(segment)) {
                segment = holding;
                position = 0;
            }
            int producerIdBytes = batch.producerId() == null ? 0 : batch.producerId().getBytes(StandardCharsets.UTF_8).length;
            long size = 39 + producerIdBytes + 8L * batch.records().size() + batch.payloadBytes();
            written.add(new Written(batch, firstOffset, segment, position, size));
            position += size;
        }
        for (Path file : segments) {
            long used = written.stream().filter(w -> w.segment().equals(file)).mapToLong(Written::size).sum();
            assertThat(Files.size(file)).as("size of %s", file).isEqualTo(used);
        }
        return written;
    }

    private static Path segmentHolding(List<Path> segments, long offset) {
        Path holding = segments.getFirst();
        for (Path segment : segments) {
            String name = segment.getFileName().toString();
            if (Long.parseLong(name.substring(0, 20)) <= offset) {
                holding = segment;
            }
        }
        return holding;
    }

    /** Cuts the file at a random byte, flips random bytes near its end, or both; returns the first byte damaged. */
    private static long damage(Path file, Random random) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int length = bytes.length;
        int kind = random.nextInt(3);
        if (kind != 1) {
            length = random.nextInt(bytes.length);
        }
        long firstBad = length;
        if (kind != 0 && length > 0) {
            int flips = 1 + random.nextInt(3);
            int tailStart = length / 2;
            for (int i = 0; i < flips; i++) {
                int at = tailStart + random.nextInt(length - tailStart);
                bytes[at] ^= (byte) (1 + random.nextInt(255));
                firstBad = Math.min(firstBad, at);
            }
        }
        byte[] kept = new byte[length];
        System.arraycopy(bytes, 0, kept, 0, length);
        Files.write(file, kept);
        return firstBad;
    }

    private static void assertHoldsExactly(StreamLog log, List<Written> expected, String context) {
        List<LogRecord> records = readAll(log);
        int next = 0;
        for (Written w : expected) {
            assertThat(w.firstOffset()).as(context).isEqualTo(next);
            for (ByteBuffer payload : w.batch().records()) {
                LogRecord record = records.get(next);
                assertThat(record.offset()).as(context).isEqualTo(next);
                assertThat(record.ingestTimeMillis()).as(context).isEqualTo(w.batch().ingestTimeMillis());
                assertThat(ByteBuffer.wrap(record.payload())).as(context).isEqualTo(payload);
                next++;
            }
        }
        assertThat(records).as(context).hasSize(next);
        assertThat(log.endOffset()).as(context).isEqualTo(next);
    }

    /**
     * New appends get the next offset; the producer's first lost batch is appended again, not taken
     * for a duplicate, while its last kept one is.
     */
    private static void assertAppendsContinue(StreamLog log, List<Written> written, int survivors, String context) {
        long end = log.endOffset();
        assertThat(appendNow(log, batch(9_000, "after recovery"))).as(context).isEqualTo(new AppendResult(end, 1, 0));
        end++;
        Written lastKept = lastProducerBatch(written.subList(0, survivors));
        if (lastKept != null) {
            assertThat(appendNow(log, lastKept.batch()).duplicates()).as(context).isEqualTo(lastKept.batch().records().size());
        }
        Written firstLost = firstProducerBatch(written.subList(survivors, written.size()));
        if (firstLost != null) {
            AppendResult retried = await(log.append(firstLost.batch()));
            assertThat(retried).as(context).isEqualTo(new AppendResult(end, firstLost.batch().records().size(), 0));
        }
    }

    private static Written firstProducerBatch(List<Written> batches) {
        return batches.stream().filter(w -> w.batch().producerId() != null).findFirst().orElse(null);
    }

    private static Written lastProducerBatch(List<Written> batches) {
        return firstProducerBatch(batches.reversed());
    }
}
