package dev.floe.engine;

import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import dev.floe.stream.log.LogRecord;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Writes a batch of records, appended in offset order in as many slices as the caller likes, as a
 * newline-delimited JSON file for DuckDB's reader, each line carrying the record's offset and ingest
 * time as two extra keys, unless the batch is plain: then the lines are the records alone, for a
 * reader that needs neither and spares DuckDB parsing them. Made by {@link BatchLoader#writer()} and
 * {@link BatchLoader#plainWriter()}; not thread-safe, but needs no connection, so a batch can be
 * written on a thread of its own while DuckDB works on the previous one.
 *
 * <p>A structured stream's record is a JSON object: the two keys are spliced in after its opening
 * brace, so the reader sees one flat object and the payload bytes are copied, never parsed. (Reading
 * the record nested inside a wrapper object measured about a third slower.) An unstructured stream's
 * record may be any JSON value, so it is wrapped as {@code {"…offset":1,"…ingest_time":2,"value":…}}.
 * Records are the client's bytes as ingest accepted them: valid JSON with no raw newline outside
 * strings except as whitespace, which is replaced by a space so that each record stays on one line.
 *
 * <p>Lines are assembled in one reused buffer and written in large chunks: on a pipeline's busy path
 * this file is a few hundred megabytes a second.
 */
public final class BatchWriter implements AutoCloseable {
    /** Keys no client sends in practice; a record using them would have its own value shadowed. */
    static final String OFFSET_KEY = "__floe_offset";
    static final String INGEST_TIME_KEY = "__floe_ingest_time";

    private static final byte[] OFFSET_PREFIX = ("{\"" + OFFSET_KEY + "\":").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] INGEST_TIME_PREFIX = (",\"" + INGEST_TIME_KEY + "\":").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] VALUE_PREFIX = ",\"value\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PLAIN_VALUE_PREFIX = "{\"value\":".getBytes(StandardCharsets.US_ASCII);
    /** Room for both prefixes, two longs, a comma, the closing brace and the newline. */
    private static final int LINE_OVERHEAD = OFFSET_PREFIX.length + INGEST_TIME_PREFIX.length + VALUE_PREFIX.length + 2 * 20 + 3;
    private static final int CHUNK_BYTES = 1 << 20;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    private final Path file;
    private final boolean wrapWhole;
    private final boolean hiddenKeys;
    private final FileChannel channel;
    private byte[] buffer = new byte[CHUNK_BYTES];
    private int length;
    private int records;
    private int longestLine;
    private boolean finished;

    /**
     * @param wrapWhole  whether records are any JSON value (an unstructured stream's) rather than objects
     * @param hiddenKeys whether lines carry the records' offsets and ingest times
     */
    BatchWriter(Path scratchDirectory, boolean wrapWhole, boolean hiddenKeys) {
        Path created = null;
        try {
            created = Files.createTempFile(scratchDirectory, "batch-", ".ndjson");
            this.channel = FileChannel.open(created, StandardOpenOption.WRITE);
        } catch (IOException e) {
            deleteQuietly(created);
            throw failure(scratchDirectory, e);
        }
        this.file = created;
        this.wrapWhole = wrapWhole;
        this.hiddenKeys = hiddenKeys;
    }

    /** Appends records that follow those appended before. */
    public void append(List<LogRecord> slice) {
        for (LogRecord record : slice) {
            append(record.offset(), record.ingestTimeMillis(), ByteBuffer.wrap(record.payload()), 0, record.payload().length);
        }
    }

    /**
     * Appends the record that follows those appended before, its payload the {@code payloadLength}
     * bytes of {@code buffer} from {@code payloadAt}: the form in which a log read lends them.
     */
    public void append(long offset, long ingestTimeMillis, ByteBuffer payload, int payloadAt, int payloadLength) {
        try {
            longestLine = Math.max(longestLine, line(offset, ingestTimeMillis, payload, payloadAt, payloadAt + payloadLength));
            records++;
        } catch (IOException e) {
            throw failure(file, e);
        }
    }

    /** Completes the file; from then on it belongs to the returned batch, which deletes it when closed. */
    public BatchFile finish() {
        try {
            flush();
            channel.close();
        } catch (IOException e) {
            throw failure(file, e);
        }
        finished = true;
        return new BatchFile(file, records, longestLine, hiddenKeys);
    }

    /** Deletes the file unless it was finished. */
    @Override
    public void close() {
        if (finished) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // the file goes anyway
        }
        deleteQuietly(file);
    }

    private int line(long offset, long ingestTimeMillis, ByteBuffer payload, int from, int to) throws IOException {
        int room = to - from + LINE_OVERHEAD;
        if (buffer.length - length < room) {
            flush();
            if (buffer.length < room) {
                buffer = new byte[room];
            }
        }
        int start = length;
        if (hiddenKeys) {
            append(OFFSET_PREFIX);
            appendLong(offset);
            append(INGEST_TIME_PREFIX);
            appendLong(ingestTimeMillis);
        }
        if (wrapWhole) {
            append(hiddenKeys ? VALUE_PREFIX : PLAIN_VALUE_PREFIX);
            appendOneLine(payload, from, to);
            buffer[length++] = '}';
        } else if (hiddenKeys) {
            appendObjectMembers(payload, from, to);
        } else {
            appendOneLine(payload, from, to);
        }
        buffer[length++] = '\n';
        return length - start;
    }

    /** The payload object without its opening brace, after a comma unless the object is empty. */
    private void appendObjectMembers(ByteBuffer payload, int from, int to) {
        int brace = skipWhitespace(payload, from, to);
        if (brace == to || payload.get(brace) != '{') {
            throw new IllegalArgumentException("a structured stream's record must be a JSON object");
        }
        int first = skipWhitespace(payload, brace + 1, to);
        if (first < to && payload.get(first) != '}') {
            buffer[length++] = ',';
        }
        appendOneLine(payload, first, to);
    }

    private void appendOneLine(ByteBuffer payload, int from, int to) {
        int count = to - from;
        payload.get(from, buffer, length, count);
        if (mayHoldLineBreak(buffer, length, length + count)) {
            for (int i = length; i < length + count; i++) {
                if (buffer[i] == '\n' || buffer[i] == '\r') {
                    buffer[i] = ' ';
                }
            }
        }
        length += count;
    }

    /**
     * Whether a byte from {@code from} to {@code to} may be a CR or LF, eight bytes at a time: almost
     * no record holds one, and testing words is several times faster than testing bytes.
     */
    private static boolean mayHoldLineBreak(byte[] bytes, int from, int to) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long word = (long) LONGS.get(bytes, i);
            if (hasByte(word, '\n') || hasByte(word, '\r')) {
                return true;
            }
        }
        for (; i < to; i++) {
            if (bytes[i] == '\n' || bytes[i] == '\r') {
                return true;
            }
        }
        return false;
    }

    /** Whether some byte of {@code word} is {@code value}; may answer true when none is, never false when one is. */
    private static boolean hasByte(long word, char value) {
        long x = word ^ (ONES * value);
        return ((x - ONES) & ~x & HIGH_BITS) != 0;
    }

    private static int skipWhitespace(ByteBuffer bytes, int from, int to) {
        int i = from;
        while (i < to && isWhitespace(bytes.get(i))) {
            i++;
        }
        return i;
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    private void append(byte[] bytes) {
        System.arraycopy(bytes, 0, buffer, length, bytes.length);
        length += bytes.length;
    }

    private void appendLong(long value) {
        if (value < 0) {
            append(Long.toString(value).getBytes(StandardCharsets.US_ASCII));
            return;
        }
        int first = length;
        long rest = value;
        do {
            buffer[length++] = (byte) ('0' + rest % 10);
            rest /= 10;
        } while (rest != 0);
        for (int low = first, high = length - 1; low < high; low++, high--) {
            byte digit = buffer[low];
            buffer[low] = buffer[high];
            buffer[high] = digit;
        }
    }

    private void flush() throws IOException {
        ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, length);
        while (chunk.hasRemaining()) {
            channel.write(chunk);
        }
        length = 0;
    }

    private static FloeException failure(Path where, IOException e) {
        return new FloeException(ErrorCode.UNAVAILABLE, "cannot write a batch file in " + where + ": " + e.getMessage()
                + "; check that its disk has space and floe may write there", e);
    }

    private static void deleteQuietly(Path path) {
        if (path == null) {
            return;
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // nothing more to do for a file that failed to be written
        }
    }
}
