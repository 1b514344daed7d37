package dev.floe.stream.schema;

import java.util.Optional;

/** What the integer form of a {@link FieldType#TIMESTAMP} field counts since the Unix epoch. */
public enum TimestampUnit {
    SECOND("second", "s", 1L),
    MILLISECOND("millisecond", "ms", 1_000L),
    MICROSECOND("microsecond", "us", 1_000_000L),
    NANOSECOND("nanosecond", "ns", 1_000_000_000L);

    /** The unit of a timestamp field that names none. */
    public static final TimestampUnit DEFAULT = MILLISECOND;

    private final String wireName;
    private final String shortName;
    private final long perSecond;

    TimestampUnit(String wireName, String shortName, long perSecond) {
        this.wireName = wireName;
        this.shortName = shortName;
        this.perSecond = perSecond;
    }

    /** The canonical name, the one a normalized schema is written with. */
    public String wireName() {
        return wireName;
    }

    /** How many of this unit make one second. */
    public long perSecond() {
        return perSecond;
    }

    /** The unit with this long ({@code millisecond}) or short ({@code ms}) name, or empty. */
    public static Optional<TimestampUnit> fromWireName(String name) {
        for (TimestampUnit unit : values()) {
            if (unit.wireName.equals(name) || unit.shortName.equals(name)) {
                return Optional.of(unit);
            }
        }
        return Optional.empty();
    }
}
