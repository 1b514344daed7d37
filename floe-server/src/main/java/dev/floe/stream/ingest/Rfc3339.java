package dev.floe.stream.ingest;

import dev.floe.stream.schema.TimestampUnit;

/**
 * Checks RFC 3339 date-times ({@code 2024-01-08T12:00:00Z}, {@code 2024-01-08T12:00:00.123456+01:00})
 * in place, without allocating: every ingested timestamp string passes through here.
 *
 * <p>Accepted: a four-digit year, {@code T}, {@code t} or a space between date and time, one to nine
 * fractional second digits, and {@code Z}, {@code z} or a {@code +hh:mm}/{@code -hh:mm} offset. Leap
 * seconds ({@code :60}) are refused, as {@code java.time} refuses them downstream.
 */
final class Rfc3339 {
    private static final int SHORTEST = "2024-01-08T12:00:00Z".length();
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private Rfc3339() {}

    /**
     * {@link TextCheck#VALID} for a date-time whose instant a timestamp in {@code unit} can hold as a
     * signed 64-bit count since the epoch, {@link TextCheck#OUT_OF_RANGE} for one it cannot.
     */
    static TextCheck check(char[] text, int offset, int length, TimestampUnit unit) {
        if (length < SHORTEST) {
            return TextCheck.MALFORMED;
        }
        int year = digits(text, offset, 4);
        int month = digits(text, offset + 5, 2);
        int day = digits(text, offset + 8, 2);
        int hour = digits(text, offset + 11, 2);
        int minute = digits(text, offset + 14, 2);
        int second = digits(text, offset + 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59
                || text[offset + 4] != '-' || text[offset + 7] != '-' || text[offset + 13] != ':'
                || text[offset + 16] != ':') {
            return TextCheck.MALFORMED;
        }
        char separator = text[offset + 10];
        if (separator != 'T' && separator != 't' && separator != ' ') {
            return TextCheck.MALFORMED;
        }

        int end = offset + length;
        int i = offset + 19;
        int nanos = 0;
        if (text[i] == '.') {
            int start = ++i;
            while (i < end && i - start < 9 && isDigit(text[i])) {
                nanos = nanos * 10 + (text[i++] - '0');
            }
            if (i == start) {
                return TextCheck.MALFORMED;
            }
            for (int scaled = i - start; scaled < 9; scaled++) {
                nanos *= 10;
            }
        }

        int offsetSeconds;
        if (i < end && (text[i] == 'Z' || text[i] == 'z')) {
            offsetSeconds = 0;
            i++;
        } else if (end - i >= 6 && (text[i] == '+' || text[i] == '-') && text[i + 3] == ':') {
            int offsetHours = digits(text, i + 1, 2);
            int offsetMinutes = digits(text, i + 4, 2);
            if (offsetHours < 0 || offsetHours > 23 || offsetMinutes < 0 || offsetMinutes > 59) {
                return TextCheck.MALFORMED;
            }
            offsetSeconds = (text[i] == '-' ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
            i += 6;
        } else {
            return TextCheck.MALFORMED;
        }
        if (i != end) {
            return TextCheck.MALFORMED;
        }

        long epochSecond = daysFromCivil(year, month, day) * 86_400L
                + hour * 3600 + minute * 60 + second - offsetSeconds;
        return fits(epochSecond, nanos, unit) ? TextCheck.VALID : TextCheck.OUT_OF_RANGE;
    }

    /** Whether {@code epochSecond + nanos} counted in {@code unit} fits in a signed 64-bit integer. */
    private static boolean fits(long epochSecond, int nanos, TimestampUnit unit) {
        long perSecond = unit.perSecond();
        long subUnits = nanos / (NANOS_PER_SECOND / perSecond);
        long maxSecond = Long.MAX_VALUE / perSecond;
        long minSecond = Math.floorDiv(Long.MIN_VALUE, perSecond);
        if (epochSecond > maxSecond || epochSecond < minSecond) {
            return false;
        }
        if (epochSecond == maxSecond) {
            return subUnits <= Long.MAX_VALUE % perSecond;
        }
        if (epochSecond == minSecond) {
            return subUnits >= Math.floorMod(Long.MIN_VALUE, perSecond);
        }
        return true;
    }

    /** Days from 1970-01-01 to a date of the proleptic Gregorian calendar (H. Hinnant's algorithm). */
    private static long daysFromCivil(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468;
    }

    private static int daysInMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** The value of {@code count} decimal digits at {@code at}, or -1 if any is not a digit. */
    private static int digits(char[] text, int at, int count) {
        int value = 0;
        for (int i = at; i < at + count; i++) {
            if (!isDigit(text[i])) {
                return -1;
            }
            value = value * 10 + (text[i] - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
