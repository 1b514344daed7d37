package dev.floe.stream.schema;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One field of a stream schema, or the element type of a list.
 *
 * <p>The attributes that belong to only some types are set exactly for those types: {@code precision}
 * and {@code scale} for {@link FieldType#DECIMAL128} (0 otherwise), {@code unit} for
 * {@link FieldType#TIMESTAMP} (null otherwise), {@code items} for {@link FieldType#LIST} (null
 * otherwise) and {@code fields} for {@link FieldType#STRUCT} (empty otherwise).
 *
 * @param name        the field's name; null only for the {@code items} of a list, which need none
 * @param type        the field's type
 * @param required    whether a record must have the field with a non-null value
 * @param precision   a decimal's total number of digits, 1 to {@value #MAX_DECIMAL_PRECISION}
 * @param scale       a decimal's digits after the point, 0 to {@code precision}
 * @param unit        what a timestamp's integer form counts
 * @param items       the type of a list's elements
 * @param fields      a struct's fields, at least one, with unique names
 * @param sqlName     the column name SQL sees, when it differs from {@code name}; null for none
 * @param metadataKey the request metadata this field is filled from; null for none
 */
public record SchemaField(
        String name,
        FieldType type,
        boolean required,
        int precision,
        int scale,
        TimestampUnit unit,
        SchemaField items,
        List<SchemaField> fields,
        String sqlName,
        String metadataKey) {

    public static final int MAX_DECIMAL_PRECISION = 38;

    public SchemaField {
        Objects.requireNonNull(type, "type");
        if (name != null && name.isEmpty()) {
            throw new IllegalArgumentException("a field name must not be empty");
        }
        if (type == FieldType.DECIMAL128) {
            if (precision < 1 || precision > MAX_DECIMAL_PRECISION || scale < 0 || scale > precision) {
                throw new IllegalArgumentException("invalid decimal128 precision " + precision + " and scale " + scale);
            }
        } else if (precision != 0 || scale != 0) {
            throw new IllegalArgumentException("precision and scale are only for decimal128, not " + type.wireName());
        }
        if ((unit != null) != (type == FieldType.TIMESTAMP)) {
            throw new IllegalArgumentException("a timestamp, and only a timestamp, has a unit");
        }
        if ((items != null) != (type == FieldType.LIST)) {
            throw new IllegalArgumentException("a list, and only a list, has items");
        }
        if (type == FieldType.STRUCT) {
            fields = checkStructFields(fields);
        } else if (fields != null && !fields.isEmpty()) {
            throw new IllegalArgumentException("only a struct has fields, not " + type.wireName());
        } else {
            fields = List.of();
        }
    }

    /** Checks that the fields of a struct or schema are at least one, all named, with unique names. */
    static List<SchemaField> checkStructFields(List<SchemaField> fields) {
        if (fields == null || fields.isEmpty()) {
            throw new IllegalArgumentException("a struct must have at least one field");
        }
        Set<String> names = new HashSet<>();
        for (SchemaField field : fields) {
            if (field.name() == null) {
                throw new IllegalArgumentException("every field of a struct must have a name");
            }
            if (!names.add(field.name())) {
                throw new IllegalArgumentException("duplicate field name \"" + field.name() + "\"");
            }
        }
        return List.copyOf(fields);
    }
}
