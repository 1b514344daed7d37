package dev.floe.error;

/**
 * Why one record of an ingest request was refused.
 *
 * @param index   the record's position in the request, from 0
 * @param field   the path of the offending field ({@code user.address.zip}, {@code tags[2]}), or empty
 *                when the record as a whole is wrong
 * @param kind    one of {@link #MISSING_FIELD}, {@link #TYPE_MISMATCH}, {@link #PARSE_FAILURE},
 *                {@link #NULL_VALUE}
 * @param message what is wrong, for a person
 */
public record RecordError(int index, String field, String kind, String message) {
    public static final String MISSING_FIELD = "missing_field";
    public static final String TYPE_MISMATCH = "type_mismatch";
    public static final String PARSE_FAILURE = "parse_failure";
    public static final String NULL_VALUE = "null_value";
}
