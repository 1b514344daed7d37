package dev.floe.sink;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** How a sink names the files it writes (before its prefix and after its path and partition). */
public enum NamingStrategy {
    /** An increasing number per sink: 0, 1, 2, … */
    SERIAL("serial"),
    /** A random UUID. */
    UUID("uuid"),
    /** A time-ordered UUID (version 7), so names sort by when the file was written. */
    UUID_V7("uuid_v7"),
    /** A ULID: time-ordered, 26 characters of Crockford base32. */
    ULID("ulid");

    private final String wireName;

    NamingStrategy(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<NamingStrategy> fromWireName(String name) {
        return Arrays.stream(values()).filter(strategy -> strategy.wireName.equals(name)).findFirst();
    }

    public static String wireNames() {
        return Arrays.stream(values()).map(NamingStrategy::wireName).collect(Collectors.joining(", "));
    }
}
