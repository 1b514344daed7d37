package dev.floe.stream.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.floe.error.RecordError;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A struct, or a whole record: a JSON object whose schema fields are each checked, whose required
 * fields must all be present, and whose other fields are allowed and kept as sent.
 *
 * <p>Presence is tracked with one bit per schema field, which also catches a field sent twice;
 * other keys go to the {@link DuplicateKeyGuard}.
 */
final class StructValidator implements ValueValidator {
    private final String expected;
    private final int id;
    private final FieldCheck[] fields;
    private final Map<String, Integer> positions;
    private final int[] requiredPositions;
    private final int seenWords;

    /**
     * @param expected how messages name the struct
     * @param id       this struct's number within its schema, unique, from 0
     * @param fields   the struct's fields
     */
    StructValidator(String expected, int id, List<FieldCheck> fields) {
        this.expected = expected;
        this.id = id;
        this.fields = fields.toArray(FieldCheck[]::new);
        this.positions = new HashMap<>();
        for (int i = 0; i < this.fields.length; i++) {
            positions.put(this.fields[i].name(), i);
        }
        this.requiredPositions = IntStream.range(0, this.fields.length)
                .filter(i -> this.fields[i].required())
                .toArray();
        this.seenWords = (this.fields.length + 63) >>> 6;
    }

    @Override
    public void validate(JsonParser parser, JsonToken token, ValidationContext context) throws IOException {
        if (token != JsonToken.START_OBJECT) {
            context.mismatch(parser, token, expected);
            return;
        }
        long[] seen = context.clearedSeenFields(id, seenWords);
        DuplicateKeyGuard otherKeys = context.keys();
        otherKeys.openObject();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            Integer position = positions.get(name);
            if (position == null) {
                // not in the schema: kept as sent, only its keys are checked
                otherKeys.addKey(parser, name);
                context.skip(parser, parser.nextToken());
                continue;
            }
            long bit = 1L << position;
            if ((seen[position >>> 6] & bit) != 0) {
                throw DuplicateKeyGuard.duplicate(parser, name);
            }
            seen[position >>> 6] |= bit;
            FieldCheck field = fields[position];
            context.enterField(field.name());
            field.check(parser, parser.nextToken(), context);
            context.leave();
        }
        otherKeys.closeObject();
        for (int position : requiredPositions) {
            if ((seen[position >>> 6] & (1L << position)) == 0) {
                FieldCheck field = fields[position];
                context.enterField(field.name());
                context.report(RecordError.MISSING_FIELD, "missing required field \"" + field.name() + "\" ("
                        + field.validator().expected() + ")");
                context.leave();
            }
        }
    }

    @Override
    public String expected() {
        return expected;
    }
}
