package dev.floe.stream.log.local;

import dev.floe.io.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Brings a log directory back to a consistent state when it is opened: creates it when new,
 * checks the last segment batch by batch and cuts off a torn or corrupt tail, and rebuilds the
 * producer state from the newest usable snapshot plus the batch headers written after it.
 *
 * <p>Segments before the last were fsynced before the next was created, so they are trusted and
 * not read here: opening stays fast however long the log is.
 */
final class LogRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(LogRecovery.class);

    /** The recovered segments, with the durable end published, and the producer state matching them. */
    record Recovered(LogSegments segments, ProducerStateTable producers) {
    }

    private LogRecovery() {
    }

    static Recovered recover(Path directory, String logName, FileOpener opener, ProducerSnapshots snapshots)
            throws IOException {
        createDirectory(directory);
        AtomicFiles.deleteLeftoverTemporaryFiles(directory);
        List<Long> baseOffsets = segmentBaseOffsets(directory);
        LogSegments segments = new LogSegments();
        ProducerStateTable producers = new ProducerStateTable();
        if (baseOffsets.isEmpty()) {
            segments.add(Segment.create(directory, 0, opener));
            LOG.debug("{}: created an empty log in {}", logName, directory);
            return new Recovered(segments, producers);
        }
        for (int i = 0; i < baseOffsets.size() - 1; i++) {
            long baseOffset = baseOffsets.get(i);
            segments.add(Segment.openSealed(directory.resolve(Segment.fileName(baseOffset)), baseOffset,
                    baseOffsets.get(i + 1), opener));
        }
        long lastBaseOffset = baseOffsets.getLast();
        Segment last = Segment.openActive(directory.resolve(Segment.fileName(lastBaseOffset)), lastBaseOffset, opener);
        segments.add(last);
        Segment.TailCut cut = last.recoverTail(batch -> replay(batch, producers));
        long endOffset = last.endOffset();
        segments.publishEnd(endOffset);
        if (cut.bytes() > 0) {
            LOG.warn("{}: cut {} bytes of torn or corrupt data off the end of {}, from offset {} on: {}",
                    logName, cut.bytes(), last.path().getFileName(), endOffset, cut.reason());
        }
        restoreProducers(logName, segments, producers, snapshots.loadLatest(endOffset));
        LOG.info("{}: recovered offsets {} to {} ({} records) in {} segments, {} producers, {} bytes cut",
                logName, segments.startOffset(), endOffset, endOffset - segments.startOffset(), segments.count(),
                producers.size(), cut.bytes());
        return new Recovered(segments, producers);
    }

    /**
     * Adds the snapshot, and the sealed segments written after it, to the producer state already
     * replayed from the last segment. Normally the snapshot was taken when the last segment was
     * created, so no sealed segment needs reading.
     */
    private static void restoreProducers(String logName, LogSegments segments, ProducerStateTable producers,
                                         ProducerSnapshots.Snapshot snapshot) throws IOException {
        producers.recordAll(snapshot.lastSequences());
        if (snapshot.offset() < segments.startOffset() && segments.startOffset() > 0) {
            LOG.warn("{}: no producer snapshot covers the offsets before {}; batches retried from before then "
                    + "may be appended again", logName, segments.startOffset());
        }
        for (Segment segment : segments.sealed()) {
            if (segment.endOffset() > snapshot.offset()) {
                LOG.debug("{}: replaying producer state from {}", logName, segment.path().getFileName());
                try {
                    segment.forEachHeader(batch -> replay(batch, producers));
                } catch (CorruptBatchException e) {
                    throw new IOException("segment " + segment.path() + " is corrupt: " + e.getMessage(), e);
                }
            }
        }
    }

    private static void replay(BatchHeader batch, ProducerStateTable producers) {
        if (batch.hasProducer()) {
            producers.recordWritten(batch.producerId(), batch.lastSequence());
        }
    }

    private static void createDirectory(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory);
            AtomicFiles.syncDirectory(directory.toAbsolutePath().getParent());
        }
    }

    private static List<Long> segmentBaseOffsets(Path directory) throws IOException {
        List<Long> baseOffsets = new ArrayList<>();
        try (var files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                OptionalLong baseOffset = Segment.baseOffsetOf(file);
                if (baseOffset.isPresent()) {
                    baseOffsets.add(baseOffset.getAsLong());
                }
            }
        }
        baseOffsets.sort(null);
        return baseOffsets;
    }
}
