package dev.floe.pipeline.sql;

import static dev.floe.engine.EngineTesting.records;
import static dev.floe.engine.EngineTesting.schema;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.engine.EngineTestCase;
import dev.floe.engine.EngineTesting;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import dev.floe.stream.schema.StreamSchema;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PipelineSqlTest extends EngineTestCase {
    static final StreamSchema DO_EVENTS = schema("""
            {'fields':[{'name':'ns','type':'string'},{'name':'verb','type':'string'},{'name':'source','type':'string'},
             {'name':'sourceType','type':'string'},{'name':'data','type':'json'},{'name':'actionId','type':'string'},
             {'name':'timestamp','type':'timestamp'}]}""");
    static final StreamSchema CLICKS = schema("""
            {'fields':[{'name':'user_id','type':'string'},{'name':'amount','type':'int64'},
             {'name':'items','type':'list','items':{'type':'string'}},{'name':'ts','type':'timestamp'}]}""");
    static final Instant STARTED = Instant.parse("2025-03-04T05:06:07Z");

    static PipelineSql compiler;
    static final PipelineTesting.TestCatalog CATALOG = PipelineTesting.TestCatalog.of(
            List.of("do_events_sink", "clicks_sink", "orders_sink"),
            "do_events_stream", DO_EVENTS, "clicks", CLICKS, "orders", CLICKS, "raw", null);

    @BeforeAll
    static void open() {
        compiler = new PipelineSql(engine);
    }

    static CompiledPipeline compile(String sql) {
        return compiler.compile(sql, CATALOG, STARTED);
    }

    static CompiledStatement single(String sql) {
        CompiledPipeline pipeline = compile(sql);
        assertThat(pipeline.statements()).hasSize(1);
        return pipeline.statements().getFirst();
    }

    static void assertInvalid(String sql, String message) {
        assertThatThrownBy(() -> compile(sql)).isInstanceOfSatisfying(FloeException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void theSeedPipelineCompilesAndRuns() throws Exception {
        CompiledStatement statement = single("INSERT INTO do_events_sink SELECT verb, ns || '/' || source AS source, "
                + "ns || '/' || sourceType AS sourceType, data, actionId, timestamp FROM do_events_stream "
                + "WHERE verb != '_internal'");
        assertThat(statement.sink()).isEqualTo("do_events_sink");
        assertThat(statement.stream()).isEqualTo("do_events_stream");
        assertThat(statement.position()).isEqualTo(new SourcePosition(1, 1));
        assertThat(statement.outputSchema()).containsExactly(
                new OutputColumn("verb", "VARCHAR"), new OutputColumn("source", "VARCHAR"),
                new OutputColumn("sourceType", "VARCHAR"), new OutputColumn("data", "JSON"),
                new OutputColumn("actionId", "VARCHAR"), new OutputColumn("timestamp", "TIMESTAMP WITH TIME ZONE"));
        List<Map<String, String>> rows = PipelineTesting.run(engine, connection, statement, DO_EVENTS, records(7, 0,
                "{'ns':'prod','verb':'create','source':'u1','sourceType':'user','data':{'k':1},'actionId':'a1','timestamp':1704715200000}",
                "{'ns':'prod','verb':'_internal','source':'u2','sourceType':'user','data':null,'actionId':'a2','timestamp':0}"));
        assertThat(rows).containsExactly(Map.of("verb", "create", "source", "prod/u1", "sourceType", "prod/user",
                "data", "{\"k\":1}", "actionId", "a1", "timestamp", "2024-01-08T12:00Z", "__offset", "7"));
    }

    @Test
    void statementsSplitAtSemicolonsOutsideStringsAndComments() {
        CompiledPipeline pipeline = compile("""
                -- first; not a statement end
                INSERT INTO clicks_sink SELECT user_id || ';' AS u /* ; */ FROM clicks;

                  /* a comment; with a semicolon */ INSERT INTO "orders_sink"
                  SELECT $$;$$ AS semicolon, 'it''s; fine' AS s FROM orders;
                """);
        assertThat(pipeline.statements()).extracting(CompiledStatement::sink, CompiledStatement::stream,
                CompiledStatement::position).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("clicks_sink", "clicks", new SourcePosition(2, 1)),
                        org.assertj.core.groups.Tuple.tuple("orders_sink", "orders", new SourcePosition(4, 37)));
        assertThat(pipeline.statements().get(1).outputSchema()).containsExactly(
                new OutputColumn("semicolon", "VARCHAR"), new OutputColumn("s", "VARCHAR"));
    }

    @Test
    void ctesAndUnnestCarryEachEventsOffset() throws Exception {
        CompiledStatement crossJoin = single("""
                INSERT INTO clicks_sink
                WITH big AS (SELECT * FROM clicks WHERE amount > 10)
                SELECT c.user_id, t.item FROM big AS c CROSS JOIN UNNEST(c.items) AS t(item)""");
        assertThat(crossJoin.outputSchema()).containsExactly(
                new OutputColumn("user_id", "VARCHAR"), new OutputColumn("item", "VARCHAR"));
        var records = records(20, 0, "{'user_id':'a','amount':50,'items':['x','y']}",
                "{'user_id':'b','amount':5,'items':['z']}", "{'user_id':'c','amount':11,'items':[]}");
        assertThat(PipelineTesting.run(engine, connection, crossJoin, CLICKS, records)).containsExactly(
                Map.of("user_id", "a", "item", "x", "__offset", "20"),
                Map.of("user_id", "a", "item", "y", "__offset", "20"));

        CompiledStatement selectUnnest = single("INSERT INTO clicks_sink SELECT *, unnest(items) AS item FROM clicks");
        assertThat(selectUnnest.outputSchema()).extracting(OutputColumn::name)
                .containsExactly("user_id", "amount", "items", "ts", "item");
        assertThat(PipelineTesting.run(engine, connection, selectUnnest, CLICKS, records))
                .extracting(row -> row.get("item") + "@" + row.get("__offset")).containsExactly("x@20", "y@20", "z@21");
    }

    @Test
    void outputSchemaFollowsExpressionsCastsAndCase() {
        CompiledStatement statement = single("INSERT INTO clicks_sink SELECT amount::int AS small, amount * 1.5 AS scaled, "
                + "CASE WHEN amount > 0 THEN 'pos' ELSE 'neg' END AS sign, [amount, 1] AS pair, "
                + "struct(user_id, amount) AS s, CAST(ts AS DATE) AS day FROM clicks");
        assertThat(statement.outputSchema()).containsExactly(
                new OutputColumn("small", "INTEGER"), new OutputColumn("scaled", "DECIMAL(21,1)"),
                new OutputColumn("sign", "VARCHAR"), new OutputColumn("pair", "BIGINT[]"),
                new OutputColumn("s", "STRUCT(c0 VARCHAR, c1 BIGINT)"), new OutputColumn("day", "DATE"));
        assertThat(single("INSERT INTO clicks_sink SELECT value->>'a' AS a FROM raw").outputSchema())
                .containsExactly(new OutputColumn("a", "VARCHAR"));
    }

    @Test
    void unknownNamesAreRefusedAtTheirPlace() {
        assertInvalid("INSERT INTO clicks_sink\nSELECT user_id\n  FROM clickz",
                "line 3, column 8: unknown stream 'clickz'; streams: clicks, do_events_stream, orders, raw");
        assertInvalid("INSERT INTO nowhere SELECT * FROM clicks",
                "line 1, column 13: unknown sink 'nowhere'; sinks: clicks_sink, do_events_sink, orders_sink");
        assertInvalid("INSERT INTO clicks_sink SELECT 1 AS a FROM clicks;\nINSERT INTO clicks_sink\nSELECT user_id,\n       usr_id FROM clicks",
                "line 4, column 8: unknown column 'usr_id'; stream 'clicks' has columns: user_id, amount, items, ts");
    }

    @Test
    void typeErrorsAreRefusedAtTheirPlace() {
        assertThatThrownBy(() -> compile("INSERT INTO clicks_sink SELECT lower(amount) FROM clicks"))
                .isInstanceOf(FloeException.class)
                .hasMessage("line 1, column 32: No function matches the given name and argument types 'lower(BIGINT)'. "
                        + "You might need to add explicit type casts.");
    }

    @Test
    void whatAStatelessPipelineCannotDoIsRefused() {
        assertInvalid("INSERT INTO clicks_sink SELECT sum(amount) FROM clicks",
                "line 1, column 32: aggregate function sum() is not supported: a pipeline handles each event on its own, without state");
        assertInvalid("INSERT INTO clicks_sink SELECT user_id FROM clicks GROUP BY user_id",
                "line 1, column 61: GROUP BY is not supported: a pipeline handles each event on its own, without state");
        assertInvalid("INSERT INTO clicks_sink SELECT user_id, row_number() OVER () FROM clicks",
                "line 1, column 41: window functions such as row_number() OVER (...) are not supported: a pipeline handles each event on its own");
        assertInvalid("INSERT INTO clicks_sink SELECT c.user_id FROM clicks c JOIN orders o ON c.user_id = o.user_id",
                "line 1, column 56: joins are not supported: a pipeline reads one stream and handles each event on its own (CROSS JOIN UNNEST(list) is allowed)");
        assertInvalid("INSERT INTO clicks_sink SELECT user_id FROM clicks UNION ALL SELECT user_id FROM orders",
                "line 1, column 82: a statement reads one stream, and this one reads 'clicks' and 'orders': joins between streams are not supported");
        assertInvalid("INSERT INTO clicks_sink SELECT user_id FROM clicks ORDER BY user_id",
                "line 1, column 61: ORDER BY is not supported: a pipeline writes events as they arrive, batch by batch");
        assertInvalid("INSERT INTO clicks_sink SELECT user_id FROM clicks LIMIT 10",
                "line 1, column 58: LIMIT and OFFSET are not supported: they would apply to each batch, not to the stream");
        assertInvalid("INSERT INTO clicks_sink SELECT user_id FROM clicks WHERE amount > (SELECT 1 FROM orders)",
                "line 1, column 67: subqueries are not supported in expressions: a pipeline handles each event on its own; use a CTE or a subquery in FROM that reads the same stream");
        assertInvalid("INSERT INTO clicks_sink SELECT * FROM read_csv('/etc/passwd')",
                "line 1, column 39: table function read_csv() is not supported: a pipeline reads its stream only (UNNEST of a list is allowed)");
        assertInvalid("INSERT INTO clicks_sink SELECT user_id FROM clicks HAVING true",
                "line 1, column 59: HAVING is not supported: there are no groups in a pipeline");
        assertInvalid("INSERT INTO clicks_sink SELECT DISTINCT user_id FROM clicks",
                "line 1, column 41: DISTINCT is not supported: it needs state across events");
    }

    @Test
    void syntaxErrorsAndMalformedStatementsAreRefused() {
        assertInvalid("INSERT INTO clicks_sink SELECT user_id FROM clicks WHERE", "line 1, column 52: syntax error at or near \"WHERE\"");
        assertInvalid("SELECT * FROM clicks", "line 1, column 1: expected INSERT INTO <sink> SELECT ..., found 'SELECT'");
        assertInvalid("INSERT INTO clicks_sink SELECT 'open FROM clicks", "line 1, column 32: unterminated string");
        assertInvalid("  -- nothing\n", "the pipeline has no SQL statement; write INSERT INTO <sink> SELECT ... FROM <stream>");
    }

    @Test
    void deadLettersTakeTheEventsWhoseValuesFailAndKeepTheRest() throws Exception {
        CompiledStatement statement = single("INSERT INTO clicks_sink SELECT user_id, CAST(user_id AS INTEGER) AS n FROM clicks");
        new dev.floe.engine.BatchLoader(CLICKS, engine.workDirectory()).load(connection, records(100, 0,
                "{'user_id':'1'}", "{'user_id':'x'}", "{'user_id':'3'}", "{'user_id':'4'}", "{'user_id':'y'}",
                "{'user_id':'6'}", "{'user_id':'7'}"), "batch");
        StatementResult result = new StatementRunner(connection).run(statement, "batch", 0, "bisected_output");
        assertThat(result.rows()).isEqualTo(5);
        assertThat(result.deadLetters()).extracting(DeadLetter::offset).containsExactly(101L, 104L);
        assertThat(result.deadLetters().getFirst().error()).startsWith("Conversion Error: Could not convert string 'x'");
        assertThat(EngineTesting.rows(connection, "SELECT n, __offset FROM bisected_output"))
                .as("the parts' rows appended in offset order")
                .extracting(row -> row.get("n") + "@" + row.get("__offset"))
                .containsExactly("1@100", "3@102", "4@103", "6@105", "7@106");
    }

    @Test
    void eventsBelowTheStartingOffsetAreLeftOutAndNeverDeadLettered() throws Exception {
        CompiledStatement statement = single("INSERT INTO clicks_sink SELECT user_id, CAST(user_id AS INTEGER) AS n FROM clicks");
        new dev.floe.engine.BatchLoader(CLICKS, engine.workDirectory()).load(connection, records(100, 0,
                "{'user_id':'1'}", "{'user_id':'x'}", "{'user_id':'3'}", "{'user_id':'4'}", "{'user_id':'y'}"), "batch");
        StatementResult result = new StatementRunner(connection).run(statement, "batch", 103, "skipping_output");
        assertThat(result.rows()).isEqualTo(1);
        assertThat(result.deadLetters()).extracting(DeadLetter::offset).containsExactly(104L);
        assertThat(EngineTesting.rows(connection, "SELECT n, __offset FROM skipping_output"))
                .extracting(row -> row.get("n") + "@" + row.get("__offset")).containsExactly("4@103");
    }
}
