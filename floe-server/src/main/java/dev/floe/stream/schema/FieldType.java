package dev.floe.stream.schema;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/** The type of a stream schema field, with the names Cloudflare Pipelines uses for it on the wire. */
public enum FieldType {
    STRING("string"),
    BOOL("bool"),
    INT32("int32"),
    INT64("int64"),
    UINT32("uint32"),
    UINT64("uint64"),
    FLOAT32("float32"),
    FLOAT64("float64"),
    /** A fixed-point number; the field gives its {@code precision} and {@code scale}. */
    DECIMAL128("decimal128"),
    /** An instant; the field gives the {@code unit} its integer form counts in. */
    TIMESTAMP("timestamp"),
    /** Any JSON value. */
    JSON("json"),
    /** Bytes, sent as a base64 string. */
    BINARY("binary", "bytes"),
    /** A JSON array whose elements all match the field's {@code items}. */
    LIST("list"),
    /** A JSON object with the field's own {@code fields}. */
    STRUCT("struct");

    private static final Map<String, FieldType> BY_NAME = new HashMap<>();

    static {
        for (FieldType type : values()) {
            BY_NAME.put(type.wireName, type);
            for (String alias : type.aliases) {
                BY_NAME.put(alias, type);
            }
        }
    }

    private final String wireName;
    private final String[] aliases;

    FieldType(String wireName, String... aliases) {
        this.wireName = wireName;
        this.aliases = aliases;
    }

    /** The canonical name, the one a normalized schema is written with. */
    public String wireName() {
        return wireName;
    }

    /** The type with this canonical name or alias (names are case-sensitive), or empty. */
    public static Optional<FieldType> fromWireName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** The canonical names of all types, comma-separated, for messages that list the valid ones. */
    public static String wireNames() {
        StringJoiner names = new StringJoiner(", ");
        for (FieldType type : values()) {
            names.add(type.wireName);
        }
        return names.toString();
    }
}
