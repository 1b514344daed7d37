package dev.floe.sink.file;

import dev.floe.sink.FileNaming;
import dev.floe.sink.SinkDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * The object keys of a sink's files: {@code <path>/<partition>/<prefix><name><suffix>}, the name
 * chosen by the sink's naming strategy and an empty suffix meaning the format's own.
 *
 * <ul>
 *   <li>{@code serial}: Cloudflare's names, which are Arroyo's: the file's number in at least five
 *       digits, a dash and the writing task's number in three. floe writes a sink with one task,
 *       so every name ends in {@code -000}: {@code 00000-000}, {@code 00001-000}, …
 *   <li>{@code uuid}: a random UUID (version 4).
 *   <li>{@code uuid_v7} and {@code ulid}: the roll's time in milliseconds, then random bits, so that
 *       the names of later rolls sort after earlier ones.
 * </ul>
 *
 * <p>Empty segments are left out, so a sink at the bucket's root or with an empty time pattern still
 * makes keys a bucket accepts.
 */
final class FileKeys {
    private static final char[] CROCKFORD_BASE32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final int ULID_LENGTH = 26;

    private final SinkDefinition sink;
    private final String suffix;
    private final RandomGenerator random;

    /**
     * @param random the source of the random names; a {@link java.security.SecureRandom} in
     *               production, so that names of different servers writing one bucket do not collide
     */
    FileKeys(SinkDefinition sink, RandomGenerator random) {
        this.sink = sink;
        FileNaming naming = sink.fileNaming();
        this.suffix = naming.suffix().isEmpty() ? sink.format().defaultSuffix() : naming.suffix();
        this.random = random;
    }

    /**
     * One key per partition, in the order given; the {@code i}th file has serial
     * {@code firstSerial + i}.
     */
    List<String> keys(List<String> partitions, long firstSerial, Instant rollTime) {
        List<String> keys = new ArrayList<>(partitions.size());
        for (int i = 0; i < partitions.size(); i++) {
            keys.add(key(partitions.get(i), name(firstSerial + i, rollTime)));
        }
        return keys;
    }

    private String key(String partition, String name) {
        StringJoiner key = new StringJoiner("/");
        for (String folder : (sink.path() + "/" + partition).split("/")) {
            if (!folder.isEmpty()) {
                key.add(folder);
            }
        }
        return key.add(sink.fileNaming().prefix() + name + suffix).toString();
    }

    private String name(long serial, Instant rollTime) {
        return switch (sink.fileNaming().strategy()) {
            case SERIAL -> String.format(Locale.ROOT, "%05d-000", serial);
            case UUID -> uuid(random.nextLong(), random.nextLong(), 4).toString();
            case UUID_V7 -> uuid(rollTime.toEpochMilli() << 16 | random.nextLong() & 0xfff, random.nextLong(), 7)
                    .toString();
            case ULID -> ulid(rollTime.toEpochMilli(), random.nextLong() & 0xffff, random.nextLong());
        };
    }

    /** A UUID of the given version (RFC 9562) from 122 bits of these two numbers. */
    private static UUID uuid(long mostSignificant, long leastSignificant, int version) {
        long versioned = mostSignificant & ~0xf000L | (long) version << 12;
        long variant = leastSignificant & 0x3fffffffffffffffL | 0x8000000000000000L;
        return new UUID(versioned, variant);
    }

    /** 48 bits of time, then 80 random bits (16 high, 64 low), in 26 characters of Crockford base32. */
    private static String ulid(long epochMillis, long randomHigh, long randomLow) {
        long high = epochMillis << 16 | randomHigh;
        char[] text = new char[ULID_LENGTH];
        for (int i = 0; i < ULID_LENGTH; i++) {
            text[i] = CROCKFORD_BASE32[fiveBits(high, randomLow, 5 * (ULID_LENGTH - 1 - i))];
        }
        return new String(text);
    }

    /** Bits {@code shift} to {@code shift + 4} of the 128-bit number {@code high:low}. */
    private static int fiveBits(long high, long low, int shift) {
        if (shift >= 64) {
            return (int) (high >>> (shift - 64)) & 31;
        }
        long bits = low >>> shift;
        if (shift > 59) {
            bits |= high << (64 - shift);
        }
        return (int) bits & 31;
    }
}
