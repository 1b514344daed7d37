package dev.floe.stream.log.local;

import dev.floe.io.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Files saving the {@link ProducerStateTable} as it was below an offset, so that duplicate
 * detection survives both a restart (without reading old segments) and retention deleting the
 * segments that held a producer's batches. One is written when a segment is rolled (covering every
 * sealed segment) and one at a clean close (covering the whole log).
 *
 * <p>A file is named {@code <offset>.producers} (20 digits) and holds, big-endian:
 * {@code u8 version | i64 offset | i32 count | count × (u16 idLength | id UTF-8 | i64 lastSequence) | u32 CRC-32C of all before}.
 */
final class ProducerSnapshots {
    private static final Logger LOG = LoggerFactory.getLogger(ProducerSnapshots.class);
    private static final String SUFFIX = ".producers";
    private static final OffsetFileName FILE_NAME = new OffsetFileName(SUFFIX);
    private static final byte VERSION = 1;

    /** A saved state: every producer batch below {@code offset} is in {@code lastSequences}. */
    record Snapshot(long offset, Map<String, Long> lastSequences) {
        static final Snapshot NONE = new Snapshot(0, Map.of());
    }

    private final Path directory;
    private final String logName;

    ProducerSnapshots(Path directory, String logName) {
        this.directory = directory;
        this.logName = logName;
    }

    /**
     * Saves the state of every batch below {@code offset}, then deletes the snapshots below
     * {@code keepFrom}: recovery never goes back further than the active segment's base offset.
     */
    void write(long offset, Map<String, Long> lastSequences, long keepFrom) throws IOException {
        AtomicFiles.write(directory.resolve(fileName(offset)), encode(offset, lastSequences));
        for (long older : offsets()) {
            if (older < keepFrom) {
                Files.deleteIfExists(directory.resolve(fileName(older)));
            }
        }
        LOG.debug("{}: saved the state of {} producers below offset {}", logName, lastSequences.size(), offset);
    }

    /**
     * The newest readable snapshot at or below {@code endOffset}, or {@link Snapshot#NONE}. Deletes
     * durably the snapshots above it: they describe batches that recovery cut off, and would
     * otherwise turn the retry of those batches into false duplicates once the log grows past them.
     */
    Snapshot loadLatest(long endOffset) throws IOException {
        List<Long> offsets = offsets();
        offsets.sort(Comparator.reverseOrder());
        dropBeyond(offsets, endOffset);
        for (long offset : offsets) {
            if (offset <= endOffset) {
                Snapshot snapshot = tryRead(directory.resolve(fileName(offset)), offset);
                if (snapshot != null) {
                    return snapshot;
                }
            }
        }
        return Snapshot.NONE;
    }

    private void dropBeyond(List<Long> offsets, long endOffset) throws IOException {
        boolean dropped = false;
        for (long offset : offsets) {
            if (offset > endOffset) {
                LOG.warn("{}: dropping the producer snapshot at offset {}, beyond the recovered end {}",
                        logName, offset, endOffset);
                Files.delete(directory.resolve(fileName(offset)));
                dropped = true;
            }
        }
        if (dropped) {
            AtomicFiles.syncDirectory(directory);
        }
    }

    private Snapshot tryRead(Path file, long offset) throws IOException {
        ByteBuffer content = ByteBuffer.wrap(Files.readAllBytes(file));
        try {
            return decode(content, offset);
        } catch (RuntimeException e) {
            LOG.warn("{}: ignoring unreadable producer snapshot {}: {}", logName, file, e.toString());
            return null;
        }
    }

    private static byte[] encode(long offset, Map<String, Long> lastSequences) {
        int count = lastSequences.size();
        byte[][] ids = new byte[count][];
        long[] sequences = new long[count];
        int size = 1 + 8 + 4 + 4;
        int i = 0;
        for (Map.Entry<String, Long> producer : lastSequences.entrySet()) {
            ids[i] = producer.getKey().getBytes(StandardCharsets.UTF_8);
            sequences[i] = producer.getValue();
            size += 2 + ids[i].length + 8;
            i++;
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.put(VERSION).putLong(offset).putInt(count);
        for (i = 0; i < count; i++) {
            out.putShort((short) ids[i].length).put(ids[i]).putLong(sequences[i]);
        }
        out.putInt(checksum(out.array(), out.position()));
        return out.array();
    }

    private static Snapshot decode(ByteBuffer in, long expectedOffset) {
        int body = in.limit() - 4;
        if (body < 13 || checksum(in.array(), body) != in.getInt(body)) {
            throw new IllegalStateException("checksum mismatch");
        }
        if (in.get() != VERSION || in.getLong() != expectedOffset) {
            throw new IllegalStateException("unknown version or wrong offset");
        }
        int count = in.getInt();
        Map<String, Long> lastSequences = new HashMap<>(count * 2);
        for (int i = 0; i < count; i++) {
            byte[] id = new byte[Short.toUnsignedInt(in.getShort())];
            in.get(id);
            lastSequences.put(new String(id, StandardCharsets.UTF_8), in.getLong());
        }
        return new Snapshot(expectedOffset, lastSequences);
    }

    private static int checksum(byte[] bytes, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        return (int) crc.getValue();
    }

    private List<Long> offsets() throws IOException {
        List<Long> offsets = new ArrayList<>();
        try (var files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            for (Path file : files) {
                FILE_NAME.offsetOf(file).ifPresent(offsets::add);
            }
        }
        return offsets;
    }

    private static String fileName(long offset) {
        return FILE_NAME.of(offset);
    }
}
