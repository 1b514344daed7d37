package dev.floe.cli.output;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A schema (a stream's, or what a sink's files hold) as a table of Field Name, Type, Unit/Items and
 * Required, with the fields of structs and of lists of structs indented under their parent.
 */
public final class SchemaTable {
    private static final String NESTING_INDENT = "  ";

    private SchemaTable() {
    }

    /** @param schema {@code {"fields":[…]}} */
    public static TablePrinter of(JsonNode schema) {
        TablePrinter table = new TablePrinter("Field Name", "Type", "Unit/Items", "Required");
        addFields(table, schema.path("fields"), 0);
        return table;
    }

    private static void addFields(TablePrinter table, JsonNode fields, int depth) {
        for (JsonNode field : fields) {
            String type = field.path("type").asText();
            JsonNode items = field.path("items");
            String unitOrItems = "list".equals(type) ? items.path("type").asText("") : field.path("unit").asText("");
            table.addRow(
                    NESTING_INDENT.repeat(depth) + field.path("name").asText(),
                    type,
                    unitOrItems,
                    field.path("required").asBoolean(false) ? "Yes" : "No");
            if ("struct".equals(type)) {
                addFields(table, field.path("fields"), depth + 1);
            } else if ("list".equals(type) && "struct".equals(items.path("type").asText())) {
                addFields(table, items.path("fields"), depth + 1);
            }
        }
    }
}
