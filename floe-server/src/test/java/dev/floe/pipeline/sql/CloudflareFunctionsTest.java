package dev.floe.pipeline.sql;

import static dev.floe.engine.EngineTesting.records;
import static dev.floe.engine.EngineTesting.schema;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.engine.EngineTestCase;
import dev.floe.stream.schema.StreamSchema;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** One example of each family of Cloudflare functions, run through a compiled pipeline over a loaded event. */
class CloudflareFunctionsTest extends EngineTestCase {
    static final StreamSchema EVENTS = schema("""
            {'fields':[{'name':'s','type':'string'},{'name':'n','type':'int64'},{'name':'j','type':'json'},
             {'name':'t','type':'timestamp'},{'name':'tags','type':'list','items':{'type':'string'}}]}""");
    static final String EVENT = "{'s':'  hello wORLD-x  ','n':255,'j':{'a':{'b':'x','c':[1,2,3]},'k':42,'f':1.5},"
            + "'t':1704715200123,'tags':['a','b','a']}";

    /** Each expression's value over the one event, as text. */
    private static Map<String, String> evaluate(Map<String, String> expressions) throws Exception {
        String select = expressions.entrySet().stream()
                .map(e -> "CAST(" + e.getValue() + " AS VARCHAR) AS " + e.getKey())
                .collect(Collectors.joining(",\n  "));
        CompiledStatement statement = new PipelineSql(engine).compile("INSERT INTO out SELECT\n  " + select + "\nFROM events",
                PipelineTesting.TestCatalog.of(List.of("out"), "events", EVENTS),
                Instant.parse("2025-03-04T05:06:07.5Z")).statements().getFirst();
        Map<String, String> row = new LinkedHashMap<>(
                PipelineTesting.run(engine, connection, statement, EVENTS, records(0, 0, EVENT)).getFirst());
        row.remove("__offset");
        return row;
    }

    private static Map<String, String> pairs(String... namesAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }

    @Test
    void mathAndConditional() throws Exception {
        assertThat(evaluate(pairs("signum", "signum(-n)", "nanvl", "nanvl(CAST('NaN' AS DOUBLE), 1.5)",
                "nvl", "nvl(NULL, n)", "nvl2", "nvl2(s, 'set', 'unset')", "nullif", "nullif(n, 255)",
                "iszero", "iszero(n - 255)")))
                .isEqualTo(pairs("signum", "-1.0", "nanvl", "1.5", "nvl", "255", "nvl2", "set", "nullif", null, "iszero", "true"));
    }

    @Test
    void strings() throws Exception {
        assertThat(evaluate(pairs("btrim", "btrim(s)", "initcap", "initcap(btrim(s))", "split_part", "split_part(btrim(s), ' ', 2)",
                "strpos", "strpos(s, 'wORLD')", "to_hex", "to_hex(n)", "uuid_length", "length(uuid())",
                "substr_index", "substr_index('a.b.c', '.', -2)", "find_in_set", "find_in_set('b', 'a,b,c')")))
                .isEqualTo(pairs("btrim", "hello wORLD-x", "initcap", "Hello World-X", "split_part", "wORLD-x",
                        "strpos", "9", "to_hex", "ff", "uuid_length", "36", "substr_index", "b.c", "find_in_set", "2"));
    }

    @Test
    void binaryEncodings() throws Exception {
        assertThat(evaluate(pairs("base64", "encode('hi', 'base64')", "hex", "encode(decode('aGk=', 'base64'), 'hex')",
                "decoded", "decode('6869', 'hex')")))
                .isEqualTo(pairs("base64", "aGk=", "hex", "6869", "decoded", "hi"));
    }

    @Test
    void regularExpressions() throws Exception {
        assertThat(evaluate(pairs("like", "regexp_like(s, 'WORLD', 'i')",
                "groups", "regexp_match(s, '([a-z]+) (\\w+)')", "whole", "regexp_match(s, 'w[A-Z]+')",
                "none", "regexp_match(s, 'zzz')", "replace_first", "regexp_replace('a1b2', '[0-9]', '#')",
                "replace_all", "regexp_replace('a1b2', '[0-9]', '#', 'g')", "count", "regexp_count('a1b2', '[0-9]')")))
                .isEqualTo(pairs("like", "true", "groups", "[hello, wORLD]", "whole", "[wORLD]", "none", null,
                        "replace_first", "a#b2", "replace_all", "a#b#", "count", "2"));
    }

    @Test
    void json() throws Exception {
        assertThat(evaluate(pairs("get", "json_get(j, 'a', 'c', 1)", "get_str", "json_get_str(j, 'a', 'b')",
                "get_str_of_int", "json_get_str(j, 'k')", "get_int", "json_get_int(j, 'k')",
                "get_float", "json_get_float(j, 'f')", "get_bool", "json_get_bool(j, 'k')",
                "get_json", "json_get_json(j, 'a')", "as_text", "json_as_text(j, 'a', 'b')",
                "contains", "json_contains(j, 'a', 'b')", "length", "json_length(j, 'a', 'c')",
                "arrow", "j->'a'->'b'", "arrow_text", "j->'a'->>'b'", "question", "j ? 'k'",
                "extract_many", "extract_json(j, '$.a.c[*]')", "extract_one", "extract_json_string(j, '$.a.b')",
                "text_input", "json_get_int('{\"x\":7}', 'x')", "not_json", "json_get_int(s, 'x')")))
                .isEqualTo(pairs("get", "2", "get_str", "x", "get_str_of_int", null, "get_int", "42",
                        "get_float", "1.5", "get_bool", null, "get_json", "{\"b\":\"x\",\"c\":[1,2,3]}", "as_text", "x",
                        "contains", "true", "length", "3", "arrow", "\"x\"", "arrow_text", "x", "question", "true",
                        "extract_many", "[1, 2, 3]", "extract_one", "x", "text_input", "7", "not_json", null));
    }

    @Test
    void timesAndDates() throws Exception {
        assertThat(evaluate(pairs("trunc", "date_trunc('hour', t)", "part", "date_part('minute', t + INTERVAL 5 MINUTE)",
                "extract", "extract(year FROM t)", "bin", "date_bin(INTERVAL 7 DAY, t)",
                "millis", "to_timestamp_millis(1704715200123)", "seconds", "to_timestamp(1704715200)",
                "parsed", "to_timestamp('2024-01-08T13:00:00+01:00')", "unixtime", "from_unixtime(0)",
                "to_char", "to_char(t, '%Y-%m-%dT%H:%M:%S%.3f')", "now", "now()", "current", "current_timestamp",
                "today", "current_date", "to_unixtime", "to_unixtime(t)")))
                .isEqualTo(pairs("trunc", "2024-01-08 12:00:00+00", "part", "5", "extract", "2024",
                        "bin", "2024-01-04 00:00:00+00", "millis", "2024-01-08 12:00:00.123+00",
                        "seconds", "2024-01-08 12:00:00+00", "parsed", "2024-01-08 12:00:00+00",
                        "unixtime", "1970-01-01 00:00:00+00", "to_char", "2024-01-08T12:00:00.123",
                        "now", "2025-03-04 05:06:07.5+00", "current", "2025-03-04 05:06:07.5+00",
                        "today", "2025-03-04", "to_unixtime", "1704715200"));
    }

    @Test
    void arraysAndStructs() throws Exception {
        assertThat(evaluate(pairs("length", "array_length(tags)", "has", "array_has(tags, 'b')",
                "append", "array_append(tags, 'c')", "joined", "array_to_string(tags, '-')",
                "made", "make_array(1, 2)", "cardinality", "cardinality(tags)", "removed", "array_remove(tags, 'a')",
                "removed_all", "array_remove_all(tags, 'a')", "element", "tags[2]",
                "named", "named_struct('user', s, 'n', n).n", "positional", "struct(n, 'x')",
                "field", "get_field(struct(n, 'x'), 'c1')")))
                .isEqualTo(pairs("length", "3", "has", "true", "append", "[a, b, a, c]", "joined", "a-b-a",
                        "made", "[1, 2]", "cardinality", "3", "removed", "[b, a]", "removed_all", "[b]", "element", "b",
                        "named", "255", "positional", "{'c0': 255, 'c1': x}", "field", "x"));
    }

    @Test
    void hashes() throws Exception {
        assertThat(evaluate(pairs("md5", "md5('abc')", "sha256", "encode(sha256('abc'), 'hex')",
                "sha224", "encode(sha224('abc'), 'hex')", "sha512", "octet_length(sha512('abc'))",
                "digest", "encode(digest('abc', 'sha384'), 'hex')")))
                .isEqualTo(pairs("md5", "900150983cd24fb0d6963f7d28e17f72",
                        "sha256", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                        "sha224", "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7",
                        "sha512", "64",
                        "digest", "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7"));
    }
}
