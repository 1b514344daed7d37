package dev.floe.stream.ingest;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Strict UTF-8 well-formedness (RFC 3629). The JSON parser already refuses bad lead and continuation
 * bytes, but lets overlong forms ({@code C0 80}), UTF-16 surrogates ({@code ED A0 80}) and code
 * points above U+10FFFF through; stored records must be valid UTF-8 for every reader downstream.
 */
final class Utf8 {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;

    private Utf8() {}

    /** The offset of the first byte of the first ill-formed sequence in {@code [from, to)}, or -1. */
    static int firstInvalid(byte[] bytes, int from, int to) {
        int i = from;
        while (i < to) {
            // Records are mostly ASCII: skip eight such bytes at a time.
            if (i + Long.BYTES <= to && ((long) LONGS.get(bytes, i) & HIGH_BITS) == 0) {
                i += Long.BYTES;
                continue;
            }
            int lead = bytes[i] & 0xFF;
            if (lead < 0x80) {
                i++;
                continue;
            }
            int continuations;
            int secondMin = 0x80;
            int secondMax = 0xBF;
            if (lead >= 0xC2 && lead <= 0xDF) {
                continuations = 1;
            } else if (lead >= 0xE0 && lead <= 0xEF) {
                continuations = 2;
                secondMin = lead == 0xE0 ? 0xA0 : 0x80; // shorter forms are overlong
                secondMax = lead == 0xED ? 0x9F : 0xBF; // ED A0..BF encode surrogates
            } else if (lead >= 0xF0 && lead <= 0xF4) {
                continuations = 3;
                secondMin = lead == 0xF0 ? 0x90 : 0x80; // shorter forms are overlong
                secondMax = lead == 0xF4 ? 0x8F : 0xBF; // beyond is above U+10FFFF
            } else {
                return i;
            }
            if (i + continuations >= to) {
                return i;
            }
            int second = bytes[i + 1] & 0xFF;
            if (second < secondMin || second > secondMax) {
                return i;
            }
            for (int k = 2; k <= continuations; k++) {
                if ((bytes[i + k] & 0xC0) != 0x80) {
                    return i;
                }
            }
            i += continuations + 1;
        }
        return -1;
    }
}
