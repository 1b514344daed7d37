package dev.floe.engine;

import dev.floe.stream.schema.FieldType;
import dev.floe.stream.schema.SchemaField;
import dev.floe.stream.schema.TimestampUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Cloudflare schema field of a DuckDB column type, as {@code DESCRIBE} spells it: the reverse of
 * {@link DuckDbTypes}, used to show what a pipeline writes to its sink.
 *
 * <p>Every integer type that fits in 32 bits is {@code int32}, {@code BIGINT} is {@code int64}, the
 * unsigned 32- and 64-bit ones {@code uint32}/{@code uint64}; {@code HUGEINT} and {@code UHUGEINT}
 * are {@code decimal128(38,0)}, the widest decimal Cloudflare has. Every {@code TIMESTAMP} kind is a
 * {@code timestamp} in the unit DuckDB keeps it in. {@code MAP} and {@code UNION} values, and the
 * type of a bare {@code NULL}, have no Cloudflare type and become {@code json}, which is how they are
 * written. The other types Cloudflare has no name for (dates, times, intervals, UUIDs, enums, bits,
 * {@code BIGNUM}) are {@code string}: text is the form they take in a file. Output columns may hold
 * nulls, so no field is required.
 */
public final class CloudflareTypes {
    private static final int HUGEINT_DIGITS = 38;

    private CloudflareTypes() {}

    /**
     * @param name the field's name; {@code null} for the items of a list
     * @param duckDbType a column type as DuckDB spells it, such as {@code STRUCT(a BIGINT, "b c" VARCHAR[])}
     */
    public static SchemaField field(String name, String duckDbType) {
        String type = duckDbType.strip();
        if (type.endsWith("]")) {
            // A list (T[]) or an array of fixed size (T[3]); both hold their items as a JSON array does.
            SchemaField items = field(null, type.substring(0, type.lastIndexOf('[')));
            return new SchemaField(name, FieldType.LIST, false, 0, 0, null, items, null, null, null);
        }
        String upper = type.toUpperCase(Locale.ROOT);
        if (upper.startsWith("STRUCT(")) {
            return new SchemaField(name, FieldType.STRUCT, false, 0, 0, null, null, structMembers(type), null, null);
        }
        if (upper.startsWith("DECIMAL(")) {
            String[] precisionAndScale = type.substring("DECIMAL(".length(), type.length() - 1).split(",");
            return decimal(name, Integer.parseInt(precisionAndScale[0].strip()),
                    Integer.parseInt(precisionAndScale[1].strip()));
        }
        if (upper.startsWith("MAP(") || upper.startsWith("UNION(")) {
            return simple(name, FieldType.JSON);
        }
        if (upper.startsWith("ENUM(") || upper.startsWith("VARCHAR(")) {
            return simple(name, FieldType.STRING);
        }
        return switch (upper) {
            case "VARCHAR" -> simple(name, FieldType.STRING);
            case "BOOLEAN" -> simple(name, FieldType.BOOL);
            case "TINYINT", "SMALLINT", "INTEGER", "UTINYINT", "USMALLINT" -> simple(name, FieldType.INT32);
            case "BIGINT" -> simple(name, FieldType.INT64);
            case "UINTEGER" -> simple(name, FieldType.UINT32);
            case "UBIGINT" -> simple(name, FieldType.UINT64);
            case "HUGEINT", "UHUGEINT" -> decimal(name, HUGEINT_DIGITS, 0);
            case "FLOAT" -> simple(name, FieldType.FLOAT32);
            case "DOUBLE" -> simple(name, FieldType.FLOAT64);
            case "TIMESTAMP WITH TIME ZONE", "TIMESTAMP" -> timestamp(name, TimestampUnit.MICROSECOND);
            case "TIMESTAMP_S" -> timestamp(name, TimestampUnit.SECOND);
            case "TIMESTAMP_MS" -> timestamp(name, TimestampUnit.MILLISECOND);
            case "TIMESTAMP_NS" -> timestamp(name, TimestampUnit.NANOSECOND);
            case "JSON", "\"NULL\"" -> simple(name, FieldType.JSON);
            case "BLOB" -> simple(name, FieldType.BINARY);
            default -> simple(name, FieldType.STRING);
        };
    }

    private static SchemaField simple(String name, FieldType type) {
        return new SchemaField(name, type, false, 0, 0, null, null, null, null, null);
    }

    private static SchemaField decimal(String name, int precision, int scale) {
        return new SchemaField(name, FieldType.DECIMAL128, false, precision, scale, null, null, null, null, null);
    }

    private static SchemaField timestamp(String name, TimestampUnit unit) {
        return new SchemaField(name, FieldType.TIMESTAMP, false, 0, 0, unit, null, null, null, null);
    }

    /** The members of {@code STRUCT(a INTEGER, "b ""c""" VARCHAR[], d STRUCT(e BIGINT))}. */
    private static List<SchemaField> structMembers(String struct) {
        String body = struct.substring(struct.indexOf('(') + 1, struct.length() - 1);
        List<SchemaField> members = new ArrayList<>();
        for (String member : splitTopLevel(body)) {
            String text = member.strip();
            int nameEnd;
            String name;
            if (text.startsWith("\"")) {
                nameEnd = closingQuote(text);
                name = text.substring(1, nameEnd).replace("\"\"", "\"");
                nameEnd++;
            } else {
                nameEnd = text.indexOf(' ');
                name = text.substring(0, nameEnd);
            }
            members.add(field(name, text.substring(nameEnd)));
        }
        return members;
    }

    /** Splits at the commas that are neither inside parentheses nor inside a quoted name or enum value. */
    private static List<String> splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean quoted = quote != 0;
            if (c == '"' || c == '\'') {
                quote = !quoted ? c : quote == c ? 0 : quote;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            } else if (!quoted && depth == 0 && c == ',') {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    /** The index of the quote that ends the name opening {@code text}; a doubled quote is part of the name. */
    private static int closingQuote(String text) {
        int i = 1;
        while (true) {
            int quote = text.indexOf('"', i);
            if (quote + 1 < text.length() && text.charAt(quote + 1) == '"') {
                i = quote + 2;
            } else {
                return quote;
            }
        }
    }
}
