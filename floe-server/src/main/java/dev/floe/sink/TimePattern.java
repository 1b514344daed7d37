package dev.floe.sink;

import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * A sink's time partitioning: a strftime-style pattern such as {@code year=%Y/month=%m/day=%d} that
 * turns a time (UTC) into the folder a row's file goes to.
 *
 * <p>Supported: {@code %Y} (year), {@code %y} (two-digit year), {@code %m}, {@code %d}, {@code %H},
 * {@code %M}, {@code %S}, {@code %j} (day of the year) and {@code %%}. The literal parts may not
 * climb out of the sink's path.
 */
public record TimePattern(String pattern) {
    public static final TimePattern DEFAULT = new TimePattern("year=%Y/month=%m/day=%d");
    private static final String SUPPORTED = "%Y, %y, %m, %d, %H, %M, %S, %j and %%";

    public TimePattern {
        validate(pattern);
    }

    private static void validate(String pattern) {
        if (pattern.startsWith("/") || pattern.contains("\\")) {
            throw invalid(pattern, "it must be a relative path with '/' between folders");
        }
        for (String segment : pattern.split("/", -1)) {
            if (segment.equals("..") || segment.equals(".")) {
                throw invalid(pattern, "'" + segment + "' would leave the sink's path");
            }
        }
        for (int i = 0; i < pattern.length(); i++) {
            if (pattern.charAt(i) != '%') {
                continue;
            }
            if (i + 1 == pattern.length() || "YymdHMSj%".indexOf(pattern.charAt(i + 1)) < 0) {
                String directive = i + 1 == pattern.length() ? "%" : pattern.substring(i, i + 2);
                throw invalid(pattern, "'" + directive + "' is not supported; use " + SUPPORTED);
            }
            i++;
        }
    }

    private static FloeException invalid(String pattern, String why) {
        return new FloeException(ErrorCode.INVALID_REQUEST,
                "partitioning time_pattern '" + pattern + "' is invalid: " + why);
    }

    /** The folder for rows of time {@code time}, in UTC. */
    public String format(Instant time) {
        ZonedDateTime utc = time.atZone(ZoneOffset.UTC);
        StringBuilder folder = new StringBuilder(pattern.length() + 8);
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c != '%') {
                folder.append(c);
                continue;
            }
            char directive = pattern.charAt(++i);
            switch (directive) {
                case 'Y' -> folder.append(utc.getYear());
                case 'y' -> twoDigits(folder, utc.getYear() % 100);
                case 'm' -> twoDigits(folder, utc.getMonthValue());
                case 'd' -> twoDigits(folder, utc.getDayOfMonth());
                case 'H' -> twoDigits(folder, utc.getHour());
                case 'M' -> twoDigits(folder, utc.getMinute());
                case 'S' -> twoDigits(folder, utc.getSecond());
                case 'j' -> folder.append(String.format("%03d", utc.getDayOfYear()));
                default -> folder.append('%');
            }
        }
        return folder.toString();
    }

    private static void twoDigits(StringBuilder out, int value) {
        if (value < 10) {
            out.append('0');
        }
        out.append(value);
    }
}
