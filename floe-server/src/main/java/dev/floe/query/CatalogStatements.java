package dev.floe.query;

import dev.floe.catalog.BucketCatalog;
import dev.floe.engine.IcebergDuckDbTypes;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.types.Types;

/**
 * The statements about the catalog rather than the data, answered from Iceberg without DuckDB:
 * {@code SHOW NAMESPACES}, {@code SHOW TABLES [IN namespace]} and {@code DESCRIBE [namespace.]table}.
 */
final class CatalogStatements {
    private static final String NAME = "(\"[^\"]+\"|[A-Za-z_][A-Za-z0-9_]*)";
    private static final Pattern SHOW_NAMESPACES = Pattern.compile("\\s*SHOW\\s+(NAMESPACES|SCHEMAS)\\s*;?\\s*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SHOW_TABLES = Pattern.compile("\\s*SHOW\\s+TABLES(?:\\s+(?:IN|FROM)\\s+" + NAME
            + ")?\\s*;?\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern DESCRIBE = Pattern.compile("\\s*(?:DESCRIBE|DESC)\\s+(?:TABLE\\s+)?(?:" + NAME
            + "\\.)?" + NAME + "\\s*;?\\s*", Pattern.CASE_INSENSITIVE);

    private CatalogStatements() {
    }

    /** The answer when {@code sql} is one of these statements. */
    static Optional<QueryResult> answer(BucketCatalog catalog, String sql, long startedNanos) {
        Matcher matcher;
        List<Map<String, Object>> rows = new ArrayList<>();
        List<QueryResult.Column> schema;
        if (SHOW_NAMESPACES.matcher(sql).matches()) {
            schema = List.of(new QueryResult.Column("namespace", "VARCHAR"));
            for (Namespace namespace : namespaces(catalog).listNamespaces(Namespace.empty())) {
                rows.add(row("namespace", namespace.toString()));
            }
        } else if ((matcher = SHOW_TABLES.matcher(sql)).matches()) {
            schema = List.of(new QueryResult.Column("namespace", "VARCHAR"), new QueryResult.Column("table", "VARCHAR"));
            List<Namespace> namespaces = matcher.group(1) == null
                    ? namespaces(catalog).listNamespaces(Namespace.empty()) : List.of(Namespace.of(unquote(matcher.group(1))));
            for (Namespace namespace : namespaces) {
                try {
                    for (TableIdentifier table : catalog.tables().listTables(namespace)) {
                        Map<String, Object> row = row("namespace", namespace.toString());
                        row.put("table", table.name());
                        rows.add(row);
                    }
                } catch (NoSuchNamespaceException e) {
                    throw new FloeException(ErrorCode.NOT_FOUND, "namespace " + namespace + " does not exist");
                }
            }
        } else if ((matcher = DESCRIBE.matcher(sql)).matches()) {
            schema = List.of(new QueryResult.Column("column_name", "VARCHAR"),
                    new QueryResult.Column("column_type", "VARCHAR"), new QueryResult.Column("field_id", "INTEGER"),
                    new QueryResult.Column("required", "BOOLEAN"));
            TableIdentifier identifier = TableIdentifier.of(matcher.group(1) == null ? QueryService.DEFAULT_NAMESPACE
                    : unquote(matcher.group(1)), unquote(matcher.group(2)));
            for (Types.NestedField field : load(catalog, identifier).schema().columns()) {
                Map<String, Object> row = row("column_name", field.name());
                row.put("column_type", IcebergDuckDbTypes.readType(field.type()));
                row.put("field_id", field.fieldId());
                row.put("required", field.isRequired());
                rows.add(row);
            }
        } else {
            return Optional.empty();
        }
        return Optional.of(new QueryResult(schema, rows,
                new QueryResult.Metrics(0, 0, 0, 0, 0, 0, (System.nanoTime() - startedNanos) / 1_000_000, false), null));
    }

    private static SupportsNamespaces namespaces(BucketCatalog catalog) {
        return (SupportsNamespaces) catalog.tables();
    }

    static Table load(BucketCatalog catalog, TableIdentifier identifier) {
        try {
            return catalog.tables().loadTable(identifier);
        } catch (NoSuchTableException e) {
            throw new FloeException(ErrorCode.NOT_FOUND, "table " + identifier + " does not exist"
                    + (identifier.namespace().toString().equals(QueryService.DEFAULT_NAMESPACE)
                    ? " (an unqualified name is looked up in namespace '" + QueryService.DEFAULT_NAMESPACE
                    + "'; write namespace.table for another)" : ""));
        }
    }

    private static Map<String, Object> row(String column, Object value) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put(column, value);
        return row;
    }

    private static String unquote(String name) {
        return name.startsWith("\"") ? name.substring(1, name.length() - 1) : name;
    }
}
