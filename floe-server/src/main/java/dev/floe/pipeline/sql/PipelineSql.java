package dev.floe.pipeline.sql;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.floe.engine.DuckDbEngine;
import dev.floe.engine.HiddenColumns;
import dev.floe.engine.SqlLiterals;
import dev.floe.engine.StreamColumns;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Compiles a pipeline's SQL: one or more {@code INSERT INTO <sink> SELECT … FROM <stream> …}
 * statements separated by {@code ;}. Each is parsed by DuckDB, checked against the catalog and against
 * what a stateless pipeline can do, bound by DuckDB against an empty table of the stream's types (so
 * that unknown columns and type errors surface now, at their place in the text), and translated into
 * the SELECT the runner executes.
 *
 * <p>Every error is a {@link FloeException} with {@link ErrorCode#INVALID_REQUEST} whose message
 * starts with the line and column it is about.
 */
public final class PipelineSql {
    /**
     * Stand-ins with the right types for the functions the translator rewrites, so that binding the
     * query as the user wrote it finds them; they live on the compiling connection only.
     */
    private static final List<String> BIND_STAND_INS = List.of(
            "CREATE TEMP MACRO regexp_match(s, pattern) AS regexp_extract_all(s, pattern), "
                    + "(s, pattern, flags) AS regexp_extract_all(s, pattern, 0, flags)",
            "CREATE TEMP MACRO extract_json(j, path) AS CAST(json_extract(j, path) AS VARCHAR[])",
            "CREATE TEMP MACRO extract_json_string(j, path) AS json_extract_string(j, path)");

    private final DuckDbEngine engine;
    private final Set<String> aggregateFunctions;

    public PipelineSql(DuckDbEngine engine) {
        this.engine = engine;
        this.aggregateFunctions = aggregateFunctions(engine);
    }

    /**
     * @param sql       the pipeline's SQL text
     * @param catalog   the streams and sinks that exist
     * @param startedAt when the pipeline started: the value of {@code now()} in every batch
     * @throws FloeException {@code INVALID_REQUEST} naming the problem and its line and column
     */
    public CompiledPipeline compile(String sql, Catalog catalog, Instant startedAt) {
        SourceText source = new SourceText(sql);
        List<InsertStatement> statements = InsertStatementParser.parse(source, SqlLexer.tokenize(source));
        try (Connection connection = engine.connect()) {
            try (Statement statement = connection.createStatement()) {
                for (String standIn : BIND_STAND_INS) {
                    statement.execute(standIn);
                }
            }
            DuckDbAst ast = new DuckDbAst(connection);
            List<CompiledStatement> compiled = new ArrayList<>();
            for (InsertStatement statement : statements) {
                StatementContext context = new StatementContext(source, statement, BindText.of(source, statement));
                compiled.add(compileStatement(connection, ast, context, catalog, startedAt));
            }
            return new CompiledPipeline(compiled);
        } catch (SQLException e) {
            throw new FloeException(ErrorCode.INTERNAL, "cannot compile the pipeline: " + e.getMessage(), e);
        }
    }

    private CompiledStatement compileStatement(Connection connection, DuckDbAst ast, StatementContext context,
            Catalog catalog, Instant startedAt) throws SQLException {
        InsertStatement statement = context.statement();
        if (!catalog.sinkExists(statement.sink())) {
            throw context.errorAtOffset(statement.sinkOffset(), "unknown sink '" + statement.sink() + "'; sinks: "
                    + names(catalog.sinkNames()));
        }
        ObjectNode root = ast.parse(context.bindText().sql(), context);
        List<ObjectNode> tables = StatelessRules.check(DuckDbAst.queryNode(root), context, aggregateFunctions);
        Catalog.Stream stream = stream(tables, context, catalog);
        List<StreamColumns.Column> columns = StreamColumns.of(stream.schema());
        List<String> columnNames = columns.stream().map(StreamColumns.Column::name).toList();
        bindAsWritten(connection, context, stream, columns);
        Set<String> lowerCaseColumns = new HashSet<>();
        columnNames.forEach(name -> lowerCaseColumns.add(name.toLowerCase(Locale.ROOT)));
        String sql = new QueryTranslator(ast, context, stream.name(), lowerCaseColumns, startedAt).translate(root);
        List<OutputColumn> output = describe(connection, context, sql, stream, columns);
        return new CompiledStatement(statement.sink(), stream.name(), output, sql, context.position());
    }

    /** The one stream the query reads; every table it names that is not one of its CTEs must be that stream. */
    private static Catalog.Stream stream(List<ObjectNode> tables, StatementContext context, Catalog catalog) {
        if (tables.isEmpty()) {
            throw context.errorAtOffset(context.statement().queryStart(), "the query reads no stream; add FROM <stream>");
        }
        Catalog.Stream first = null;
        for (ObjectNode table : tables) {
            String name = table.path("table_name").asText();
            if (!table.path("schema_name").asText().isEmpty() || !table.path("catalog_name").asText().isEmpty()) {
                throw context.errorAt(table, "write the stream's bare name, not a qualified one");
            }
            Catalog.Stream stream = catalog.stream(name).orElseThrow(() -> context.errorAt(table,
                    "unknown stream '" + name + "'; streams: " + names(catalog.streamNames())));
            if (first == null) {
                first = stream;
            } else if (!first.name().equalsIgnoreCase(stream.name())) {
                throw context.errorAt(table, "a statement reads one stream, and this one reads '" + first.name()
                        + "' and '" + stream.name() + "': joins between streams are not supported");
            }
        }
        return first;
    }

    /** Binds the query as written against an empty table named like the stream, for errors at their place. */
    private static void bindAsWritten(Connection connection, StatementContext context, Catalog.Stream stream,
            List<StreamColumns.Column> columns) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE OR REPLACE TEMP TABLE " + SqlLiterals.identifier(stream.name()) + " "
                    + StreamColumns.definitions(columns));
        }
        try {
            connection.prepareStatement(context.bindText().sql()).close();
        } catch (SQLException e) {
            throw BindErrors.of(e, context, stream.name(), columns.stream().map(StreamColumns.Column::name).toList());
        }
    }

    /** The output columns of the translated query, bound against an empty batch of the stream. */
    private static List<OutputColumn> describe(Connection connection, StatementContext context, String sql,
            Catalog.Stream stream, List<StreamColumns.Column> columns) throws SQLException {
        List<StreamColumns.Column> input = new ArrayList<>(columns);
        input.add(new StreamColumns.Column(HiddenColumns.OFFSET, "BIGINT"));
        input.add(new StreamColumns.Column(HiddenColumns.INGEST_TS, "TIMESTAMP WITH TIME ZONE"));
        List<OutputColumn> all = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE OR REPLACE TEMP TABLE " + CompiledStatement.INPUT_RELATION + " "
                    + StreamColumns.definitions(input));
            try (ResultSet result = statement.executeQuery("DESCRIBE " + sql)) {
                while (result.next()) {
                    all.add(new OutputColumn(result.getString("column_name"), result.getString("column_type")));
                }
            }
        } catch (SQLException e) {
            throw BindErrors.of(e, context, stream.name(), columns.stream().map(StreamColumns.Column::name).toList());
        }
        List<OutputColumn> output = all.subList(0, all.size() - 2);
        Set<String> seen = new HashSet<>();
        for (OutputColumn column : output) {
            if (HiddenColumns.isHidden(column.name())) {
                throw context.errorAtOffset(context.statement().queryStart(),
                        "the output column name '" + column.name() + "' is reserved; rename it with AS");
            }
            if (!seen.add(column.name().toLowerCase(Locale.ROOT))) {
                throw context.errorAtOffset(context.statement().queryStart(), "the output has two columns named '"
                        + column.name() + "'; give each a distinct name with AS");
            }
        }
        return List.copyOf(output);
    }

    private static Set<String> aggregateFunctions(DuckDbEngine engine) {
        Set<String> names = new HashSet<>();
        try (Connection connection = engine.connect(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT DISTINCT function_name FROM duckdb_functions() "
                        + "WHERE function_type = 'aggregate'")) {
            while (result.next()) {
                names.add(result.getString(1).toLowerCase(Locale.ROOT));
            }
        } catch (SQLException e) {
            throw new FloeException(ErrorCode.INTERNAL, "cannot list DuckDB's aggregate functions: " + e.getMessage(), e);
        }
        return Set.copyOf(names);
    }

    private static String names(List<String> names) {
        return names.isEmpty() ? "(none)" : String.join(", ", names.stream().sorted().toList());
    }
}
