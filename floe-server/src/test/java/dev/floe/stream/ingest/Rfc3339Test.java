package dev.floe.stream.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.stream.schema.TimestampUnit;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The in-place RFC 3339 checker agrees with java.time on which instants exist and which fit a unit. */
class Rfc3339Test {
    private static final long MIN_SECOND = OffsetDateTime.parse("0000-01-02T00:00:00Z").toEpochSecond();
    private static final long MAX_SECOND = OffsetDateTime.parse("9999-12-30T23:59:59Z").toEpochSecond();
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private static TextCheck check(String text, TimestampUnit unit) {
        return Rfc3339.check(text.toCharArray(), 0, text.length(), unit);
    }

    /** Whether java.time's count of {@code unit} since the epoch fits in a long. */
    private static boolean fits(Instant instant, TimestampUnit unit) {
        BigInteger count = BigInteger.valueOf(instant.getEpochSecond()).multiply(BigInteger.valueOf(unit.perSecond()))
                .add(BigInteger.valueOf(instant.getNano() / (1_000_000_000L / unit.perSecond())));
        return count.compareTo(LONG_MIN) >= 0 && count.compareTo(LONG_MAX) <= 0;
    }

    /**
     * The instant written with {@code fractionDigits} digits of its second (0 for none), at the offset,
     * with {@code Z} for a zero offset; the instant's nanos must have no more digits than that.
     */
    private static String format(Instant instant, ZoneOffset offset, int fractionDigits) {
        OffsetDateTime time = instant.atOffset(offset);
        String dateTime = String.format("%04d-%02d-%02dT%02d:%02d:%02d", time.getYear(), time.getMonthValue(),
                time.getDayOfMonth(), time.getHour(), time.getMinute(), time.getSecond());
        String fraction = fractionDigits == 0 ? "" : "." + String.format("%09d", time.getNano()).substring(0, fractionDigits);
        return dateTime + fraction + (offset.getTotalSeconds() == 0 ? "Z" : offset.getId());
    }

    private static Instant truncateToDigits(Instant instant, int fractionDigits) {
        long unit = (long) Math.pow(10, 9 - fractionDigits);
        return Instant.ofEpochSecond(instant.getEpochSecond(), instant.getNano() / unit * unit);
    }

    @Test
    void acceptsRandomInstantsInAnyOffsetAcrossAllYears() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            int digits = random.nextInt(10);
            long second = MIN_SECOND + (long) (random.nextDouble() * (MAX_SECOND - MIN_SECOND));
            Instant instant = truncateToDigits(Instant.ofEpochSecond(second, random.nextInt(1_000_000_000)), digits);
            ZoneOffset offset = random.nextInt(4) == 0 ? ZoneOffset.UTC
                    : ZoneOffset.ofTotalSeconds((random.nextInt(18 * 60 * 2 + 1) - 18 * 60) * 60);
            String text = format(instant, offset, digits);

            assertThat(check(text, TimestampUnit.MICROSECOND)).as(text).isEqualTo(TextCheck.VALID);
            assertThat(check(text, TimestampUnit.NANOSECOND) == TextCheck.VALID).as(text)
                    .isEqualTo(fits(instant, TimestampUnit.NANOSECOND));
        }
    }

    @Test
    void findsTheNanosecondRangeToTheNanosecond() {
        Random random = new Random(7);
        Instant max = Instant.ofEpochSecond(0, Long.MAX_VALUE);
        Instant min = Instant.ofEpochSecond(0, Long.MIN_VALUE);
        for (int i = 0; i < 5_000; i++) {
            Instant instant = (random.nextBoolean() ? max : min).plusNanos(random.nextInt(2_000_001) - 1_000_000L);
            ZoneOffset offset = ZoneOffset.ofHoursMinutes(random.nextInt(10), random.nextInt(60));
            String text = format(instant, offset, 9);

            assertThat(check(text, TimestampUnit.NANOSECOND) == TextCheck.VALID).as(text)
                    .isEqualTo(fits(instant, TimestampUnit.NANOSECOND));
        }
        assertThat(check("2262-04-11T23:47:16.854775807Z", TimestampUnit.NANOSECOND)).isEqualTo(TextCheck.VALID);
        assertThat(check("2262-04-11T23:47:16.854775808Z", TimestampUnit.NANOSECOND)).isEqualTo(TextCheck.OUT_OF_RANGE);
        assertThat(check("2262-04-11T23:47:16.854775808Z", TimestampUnit.MICROSECOND)).isEqualTo(TextCheck.VALID);
    }

    @Test
    void knowsWhichDaysExist() {
        for (int year : new int[] {0, 1600, 1900, 2000, 2023, 2024, 2100, 9996}) {
            boolean leap = Year.isLeap(year);
            for (int month = 1; month <= 12; month++) {
                int days = YearMonth.of(year, month).lengthOfMonth();
                String lastDay = String.format("%04d-%02d-%02dT00:00:00Z", year, month, days);
                String dayAfter = String.format("%04d-%02d-%02dT00:00:00Z", year, month, days + 1);

                assertThat(check(lastDay, TimestampUnit.SECOND)).as(lastDay).isEqualTo(TextCheck.VALID);
                assertThat(check(dayAfter, TimestampUnit.SECOND)).as(dayAfter).isEqualTo(TextCheck.MALFORMED);
            }
            assertThat(check(String.format("%04d-02-29T12:00:00Z", year), TimestampUnit.SECOND) == TextCheck.VALID)
                    .isEqualTo(leap);
        }
    }

    @Test
    void readsOnlyTheGivenSliceOfABuffer() {
        char[] buffer = "xx2024-01-08T12:00:00Zyy".toCharArray();

        assertThat(Rfc3339.check(buffer, 2, 20, TimestampUnit.SECOND)).isEqualTo(TextCheck.VALID);
        assertThat(Rfc3339.check(buffer, 2, 21, TimestampUnit.SECOND)).isEqualTo(TextCheck.MALFORMED);
        assertThat(Rfc3339.check(buffer, 2, 19, TimestampUnit.SECOND)).isEqualTo(TextCheck.MALFORMED);
    }
}
