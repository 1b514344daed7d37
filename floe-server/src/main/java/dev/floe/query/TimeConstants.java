package dev.floe.query;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.iceberg.types.Type;

/**
 * A date or timestamp constant as a query writes it ({@code '2026-04-09'}, {@code TIMESTAMPTZ
 * '2026-04-09 00:00:00+00'}, {@code '2026-04-09T12:30:00.5Z'}) as the value Iceberg prunes a date
 * or timestamp column by: days or microseconds since the epoch. It reads the text as DuckDB casts it in
 * the session's UTC: a missing time is midnight, a missing offset is UTC. Iceberg's own conversion of
 * a string takes only ISO forms with a {@code T} and a full offset, so DuckDB's own form pruned nothing.
 */
final class TimeConstants {
    private static final Pattern TIME = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2})(?:[ T](\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,6})?)?))?\\s*(Z|[+-]\\d{2}(?::?\\d{2})?)?");

    private TimeConstants() {}

    /** The value for a column of {@code type}, or null when the text is not a time this reading is sure of. */
    static Long value(String text, Type type) {
        Matcher matcher = TIME.matcher(text.trim());
        if (!matcher.matches()) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(matcher.group(1));
            LocalTime time = matcher.group(2) == null ? LocalTime.MIDNIGHT : LocalTime.parse(matcher.group(2));
            ZoneOffset offset = matcher.group(3) == null ? ZoneOffset.UTC : offset(matcher.group(3));
            return switch (type.typeId()) {
                case DATE -> matcher.group(2) == null && matcher.group(3) == null ? date.toEpochDay() : null;
                case TIMESTAMP -> ChronoUnit.MICROS.between(java.time.Instant.EPOCH, date.atTime(time).toInstant(offset));
                default -> null;
            };
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static ZoneOffset offset(String text) {
        if (text.equals("Z")) {
            return ZoneOffset.UTC;
        }
        String digits = text.replace(":", "");
        return ZoneOffset.ofHoursMinutes(Integer.parseInt(digits.substring(0, 3)),
                digits.length() > 3 ? Integer.parseInt(digits.charAt(0) + digits.substring(3)) : 0);
    }
}
