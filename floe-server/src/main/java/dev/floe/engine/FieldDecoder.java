package dev.floe.engine;

import dev.floe.stream.schema.SchemaField;
import dev.floe.stream.schema.TimestampUnit;
import java.util.StringJoiner;

/**
 * How DuckDB's JSON reader reads one stream field, and the SQL that turns what it read into the
 * field's column value.
 *
 * <p>Ingest accepts forms the reader cannot convert on its own: timestamps as RFC 3339 strings or as
 * integers in the field's unit, binary as base64 (padded or not), decimals as strings or numbers with
 * more digits than a double holds. Those fields are read as raw JSON or text and decoded with SQL
 * expressions. The reader's own conversions are kept where they are right, because they are the
 * fastest: integers given as strings ({@code "123"} for an {@code int64}) cast correctly, as do
 * floats, booleans and strings.
 *
 * <p>The decoding recurses through lists (with a lambda per level) and structs (rebuilt with
 * {@code struct_pack}), to any depth; struct members with an {@code sql_name} are renamed there too.
 */
final class FieldDecoder {
    private FieldDecoder() {}

    /** The type the JSON reader reads the field as: the column type, or raw JSON/text to decode. */
    static String readType(SchemaField field) {
        return switch (field.type()) {
            case TIMESTAMP, DECIMAL128 -> "JSON";
            case BINARY -> "VARCHAR";
            case LIST -> readType(field.items()) + "[]";
            case STRUCT -> {
                StringJoiner members = new StringJoiner(", ", "STRUCT(", ")");
                for (SchemaField member : field.fields()) {
                    members.add(SqlLiterals.identifier(member.name()) + " " + readType(member));
                }
                yield members.toString();
            }
            default -> DuckDbTypes.of(field);
        };
    }

    /** The expression turning {@code read}, the value as {@link #readType} read it, into the column value. */
    static String decode(SchemaField field, String read) {
        return decode(field, read, 0);
    }

    private static String decode(SchemaField field, String read, int depth) {
        if (!needsDecoding(field)) {
            return read;
        }
        return switch (field.type()) {
            case TIMESTAMP -> timestamp(read, field.unit());
            // The JSON text of a number is its digits; that of a string, the digits in quotes.
            case DECIMAL128 -> "CAST(trim(CAST(" + read + " AS VARCHAR), '\"') AS " + DuckDbTypes.of(field) + ")";
            // DuckDB's base64 decoder wants padding, which ingest lets clients leave out.
            case BINARY -> "from_base64(" + read + " || repeat('=', (4 - length(" + read + ") % 4) % 4))";
            case LIST -> {
                String element = "e" + depth;
                yield "list_transform(" + read + ", lambda " + element + ": "
                        + decode(field.items(), element, depth + 1) + ")";
            }
            case STRUCT -> struct(field, read, depth);
            default -> throw new IllegalStateException(field.type() + " needs no decoding");
        };
    }

    private static String struct(SchemaField field, String read, int depth) {
        StringJoiner members = new StringJoiner(", ", "struct_pack(", ")");
        for (SchemaField member : field.fields()) {
            String memberRead = "(" + read + ")." + SqlLiterals.identifier(member.name());
            members.add(SqlLiterals.identifier(DuckDbTypes.columnName(member)) + " := "
                    + decode(member, memberRead, depth + 1));
        }
        // struct_pack of a null struct would be a struct of nulls, not null
        return "CASE WHEN " + read + " IS NULL THEN NULL ELSE " + members + " END";
    }

    /**
     * An RFC 3339 string (DuckDB's timestamp parser wants {@code T} and {@code Z} upper case) or an
     * integer count of the field's unit since the epoch.
     */
    private static String timestamp(String read, TimestampUnit unit) {
        String count = "CAST(" + read + " AS BIGINT)";
        String fromCount = switch (unit) {
            case SECOND -> "make_timestamp(" + count + " * 1000000)";
            case MILLISECOND -> "make_timestamp(" + count + " * 1000)";
            case MICROSECOND -> "make_timestamp(" + count + ")";
            // floor division, exact on integers: nanoseconds are truncated to microseconds, as the
            // RFC 3339 parser truncates extra fractional digits
            case NANOSECOND -> "make_timestamp((" + count + " - ((" + count + " % 1000) + 1000) % 1000) // 1000)";
        };
        return "CASE WHEN json_type(" + read + ") = 'VARCHAR' THEN CAST(upper(json_extract_string(" + read
                + ", '$')) AS TIMESTAMP WITH TIME ZONE) ELSE CAST(" + fromCount + " AS TIMESTAMP WITH TIME ZONE) END";
    }

    /** Whether the value as read differs from the column value: a decoded type in it, or a renamed struct member. */
    static boolean needsDecoding(SchemaField field) {
        return switch (field.type()) {
            case TIMESTAMP, DECIMAL128, BINARY -> true;
            case LIST -> needsDecoding(field.items());
            case STRUCT -> field.fields().stream()
                    .anyMatch(member -> member.sqlName() != null || needsDecoding(member));
            default -> false;
        };
    }
}
