package dev.floe.sink;

import java.util.Arrays;
import java.util.Optional;

/** Where a sink writes: files in a bucket ({@code r2}), or an Iceberg table ({@code r2_data_catalog}). */
public enum SinkType {
    R2("r2"),
    R2_DATA_CATALOG("r2_data_catalog");

    private final String wireName;

    SinkType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Also accepts wrangler's spelling {@code r2-data-catalog}. */
    public static Optional<SinkType> fromWireName(String name) {
        String normalized = name.replace('-', '_');
        return Arrays.stream(values()).filter(type -> type.wireName.equals(normalized)).findFirst();
    }
}
