package dev.floe.pipeline.sql;

import static dev.floe.engine.EngineTesting.records;
import static dev.floe.engine.EngineTesting.schema;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.engine.EngineTestCase;
import dev.floe.stream.log.LogRecord;
import dev.floe.stream.schema.StreamSchema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A SELECT that reads several values of one JSON column parses it once, and gives what each call
 * gives alone: the oracle is the same expression compiled on its own, which the rewrite leaves as
 * written.
 */
class SharedJsonParsesTest extends EngineTestCase {
    static final StreamSchema EVENTS = schema("""
            {'fields':[{'name':'id','type':'int64'},{'name':'data','type':'json'},{'name':'text','type':'string'}]}""");
    static final List<LogRecord> RECORDS = records(0, 0,
            "{'id':1,'data':{'round':'seed','seats':3,'a/b':'slash','x~y':'tilde','list':[10,20],'n':null,'f':2.5,'ok':true},"
                    + "'text':'{\\\"k\\\":\\\"v\\\",\\\"m\\\":1}'}",
            "{'id':2,'data':{'round':7,'seats':'three','list':{'1':'one'},'f':'2.5','ok':'yes','nested':{'round':'deep'}},"
                    + "'text':'not json at all'}",
            "{'id':3,'data':{},'text':'{\\\"k\\\":[1,2]}'}",
            "{'id':4,'data':[1,2,3],'text':null}",
            "{'id':5,'text':'{}'}");
    static final Map<String, String> EXPRESSIONS = expressions(
            "round", "json_get_str(data, 'round')",
            "seats", "json_get_int(data, 'seats')",
            "seats_float", "json_get_float(e.data, 'seats')",
            "slash", "json_get_str(data, 'a/b')",
            "tilde", "json_get_str(data, 'x~y')",
            "second", "json_get_int(data, 'list', 1)",
            "n_text", "json_as_text(data, 'n')",
            "f", "json_get_float(data, 'f')",
            "ok", "json_get_bool(data, 'ok')",
            "list_json", "json_get_json(data, 'list')",
            "list_length", "json_length(data, 'list')",
            "deep", "json_get_str(data, 'nested', 'round')",
            "element", "CAST(json_get(data, 1) AS VARCHAR)",
            "k", "json_get_str(text, 'k')",
            "m", "json_get_int(text, 'm')");

    private static Map<String, String> expressions(String... namesAndExpressions) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndExpressions.length; i += 2) {
            map.put(namesAndExpressions[i], namesAndExpressions[i + 1]);
        }
        return map;
    }

    private static CompiledStatement compile(String select) {
        return new PipelineSql(engine).compile("INSERT INTO out SELECT " + select + " FROM events AS e",
                PipelineTesting.TestCatalog.of(List.of("out"), "events", EVENTS), Instant.EPOCH).statements().getFirst();
    }

    private static List<Map<String, String>> run(CompiledStatement statement) throws Exception {
        return PipelineTesting.run(engine, connection, statement, EVENTS, RECORDS);
    }

    private static int parses(CompiledStatement statement, String column) {
        Matcher parse = Pattern.compile("json_extract\\(\"?" + column + "\"?, list_value\\(").matcher(statement.sql());
        int count = 0;
        while (parse.find()) {
            count++;
        }
        return count;
    }

    @Test
    void everyCallGivesWhatItGivesAloneFromOneParseOfEachColumn() throws Exception {
        List<String> columns = new ArrayList<>();
        EXPRESSIONS.forEach((name, expression) -> columns.add("CAST(" + expression + " AS VARCHAR) AS " + name));
        CompiledStatement shared = compile("id, " + String.join(", ", columns));
        assertThat(parses(shared, "data")).isEqualTo(1);
        assertThat(parses(shared, "text")).isEqualTo(1);
        List<Map<String, String>> rows = run(shared);

        for (Map.Entry<String, String> expression : EXPRESSIONS.entrySet()) {
            CompiledStatement alone = compile("id, CAST(" + expression.getValue() + " AS VARCHAR) AS " + expression.getKey());
            assertThat(alone.sql()).doesNotContain(SharedJsonParses.VALUES_COLUMN);
            List<Map<String, String>> expected = run(alone);
            for (int row = 0; row < RECORDS.size(); row++) {
                assertThat(rows.get(row).get(expression.getKey())).as("%s of event %d", expression.getKey(), row + 1)
                        .isEqualTo(expected.get(row).get(expression.getKey()));
            }
        }
        assertThat(rows).extracting(row -> row.get("round")).containsExactly("seed", null, null, null, null);
        assertThat(rows).extracting(row -> row.get("k")).containsExactly("v", null, null, null, null);
        assertThat(rows).extracting(row -> row.get("slash")).containsExactly("slash", null, null, null, null);
        assertThat(rows).extracting(row -> row.get("second")).containsExactly("20", null, null, null, null);
    }

    @Test
    void filtersOnASharedValueAndHidesTheAddedColumnFromStar() throws Exception {
        CompiledStatement statement = new PipelineSql(engine).compile("""
                INSERT INTO out SELECT *, json_get_str(data, 'round') AS round FROM events
                WHERE json_get_int(data, 'seats') > 0""",
                PipelineTesting.TestCatalog.of(List.of("out"), "events", EVENTS), Instant.EPOCH).statements().getFirst();
        assertThat(parses(statement, "data")).isEqualTo(1);
        assertThat(statement.outputSchema()).extracting(OutputColumn::name).containsExactly("id", "data", "text", "round");
        assertThat(run(statement)).extracting(row -> row.get("id") + "/" + row.get("round")).containsExactly("1/seed");
    }

    @Test
    void anOutputColumnNamedAfterItsTextKeepsItsName() {
        CompiledStatement alone = compile("json_get_str(data, 'round')");
        CompiledStatement withAnother = compile("json_get_str(data, 'round'), json_get_int(data, 'seats') AS seats, "
                + "json_get_int(data, 'list', 0) AS first");
        assertThat(withAnother.outputSchema().getFirst()).isEqualTo(alone.outputSchema().getFirst());
        assertThat(parses(withAnother, "data")).isEqualTo(1);
    }

    @Test
    void aSingleCallIsLeftAsWritten() {
        assertThat(compile("json_get_str(data, 'round') AS round, json_get_str(text, 'k') AS k").sql())
                .doesNotContain(SharedJsonParses.VALUES_COLUMN);
    }
}
