package dev.floe.server;

import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads sizes ({@code 5MB}, {@code 128MiB}, {@code 1048576}) and durations ({@code 24h}, {@code PT30M}) from settings. */
final class Sizes {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmgt]i?b?|b)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)", Pattern.CASE_INSENSITIVE);

    private Sizes() {
    }

    /** Decimal units (KB = 1000) and binary units (KiB = 1024), as people write them. */
    static long parseBytes(String setting, String value) {
        Matcher matcher = SIZE.matcher(value.trim());
        if (!matcher.matches()) {
            throw invalid(setting, value, "a size such as 5MB, 512KiB or 1048576");
        }
        long number = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "b" : matcher.group(2).toLowerCase(Locale.ROOT);
        if (unit.equals("b")) {
            return number;
        }
        long base = unit.contains("i") ? 1024 : 1000;
        int power = "kmgt".indexOf(unit.charAt(0)) + 1;
        long multiplier = 1;
        for (int i = 0; i < power; i++) {
            multiplier *= base;
        }
        return Math.multiplyExact(number, multiplier);
    }

    static Duration parseDuration(String setting, String value) {
        String trimmed = value.trim();
        Matcher matcher = DURATION.matcher(trimmed);
        if (matcher.matches()) {
            long number = Long.parseLong(matcher.group(1));
            return switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
                case "ms" -> Duration.ofMillis(number);
                case "s" -> Duration.ofSeconds(number);
                case "m" -> Duration.ofMinutes(number);
                case "h" -> Duration.ofHours(number);
                default -> Duration.ofDays(number);
            };
        }
        try {
            return Duration.parse(trimmed);
        } catch (DateTimeParseException e) {
            throw invalid(setting, value, "a duration such as 24h, 30m, 7d or PT24H");
        }
    }

    static FloeException invalid(String setting, String value, String expected) {
        return new FloeException(ErrorCode.INVALID_REQUEST, setting + " must be " + expected + ", got '" + value + "'");
    }
}
