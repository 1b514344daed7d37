package dev.floe.engine;

import static dev.floe.engine.EngineTesting.records;
import static dev.floe.engine.EngineTesting.rows;
import static dev.floe.engine.EngineTesting.schema;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.stream.schema.StreamSchema;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchLoaderTest extends EngineTestCase {

    private static List<Map<String, String>> load(StreamSchema schema, String select, String... payloads)
            throws Exception {
        new BatchLoader(schema, engine.workDirectory()).load(connection, records(100, 1_704_715_200_123L, payloads), "batch");
        return rows(connection, "SELECT " + select + " FROM batch ORDER BY __offset");
    }

    @Test
    void scalarTypesInEveryFormIngestAccepts() throws Exception {
        StreamSchema schema = schema("""
                {'fields':[{'name':'s','type':'string'},{'name':'b','type':'bool'},
                 {'name':'i32','type':'int32'},{'name':'i64','type':'int64'},{'name':'u32','type':'uint32'},
                 {'name':'u64','type':'uint64'},{'name':'f32','type':'float32'},{'name':'f64','type':'float64'},
                 {'name':'d','type':'decimal128','precision':38,'scale':2},{'name':'j','type':'json'},
                 {'name':'bin','type':'binary'}]}""");
        List<Map<String, String>> rows = load(schema, "s, b, i32, i64, u32, u64, f32, f64, d, CAST(j AS VARCHAR) AS j, "
                        + "CAST(bin AS VARCHAR) AS bin",
                "{'s':'x','b':true,'i32':-5,'i64':'9007199254740993','u32':'4294967295','u64':'18446744073709551615',"
                        + "'f32':1.5,'f64':2,'d':'123456789012345678901234567890.12','j':{'a':[1,{'b':null}]},'bin':'aGVsbG8'}",
                "{'s':'y','b':false,'i32':'7','i64':-9223372036854775808,'u32':0,'u64':5,"
                        + "'f32':-0.25,'f64':1e300,'d':1.5e1,'j':'text','bin':'aGk='}",
                "{'s':null}");
        assertThat(rows.get(0)).isEqualTo(Map.ofEntries(
                Map.entry("s", "x"), Map.entry("b", "true"), Map.entry("i32", "-5"),
                Map.entry("i64", "9007199254740993"), Map.entry("u32", "4294967295"),
                Map.entry("u64", "18446744073709551615"), Map.entry("f32", "1.5"), Map.entry("f64", "2.0"),
                Map.entry("d", "123456789012345678901234567890.12"), Map.entry("j", "{\"a\":[1,{\"b\":null}]}"),
                Map.entry("bin", "hello")));
        assertThat(rows.get(1)).containsEntry("i32", "7").containsEntry("i64", "-9223372036854775808")
                .containsEntry("f64", "1.0E300").containsEntry("d", "15.00").containsEntry("j", "\"text\"")
                .containsEntry("bin", "hi").containsEntry("b", "false");
        assertThat(rows.get(2).values()).containsOnlyNulls();
    }

    @Test
    void timestampsInEveryUnitAndAsRfc3339() throws Exception {
        StreamSchema schema = schema("""
                {'fields':[{'name':'sec','type':'timestamp','unit':'second'},
                 {'name':'ms','type':'timestamp','unit':'millisecond'},
                 {'name':'us','type':'timestamp','unit':'microsecond'},
                 {'name':'ns','type':'timestamp','unit':'nanosecond'}]}""");
        List<Map<String, String>> rows = load(schema, "CAST(sec AS VARCHAR) AS sec, CAST(ms AS VARCHAR) AS ms, "
                        + "CAST(us AS VARCHAR) AS us, CAST(ns AS VARCHAR) AS ns, typeof(sec) AS type",
                "{'sec':1704715200,'ms':1704715200123,'us':1704715200123456,'ns':1704715200123456789}",
                "{'sec':-1,'ms':-1,'us':-1,'ns':-1}",
                "{'sec':'2024-01-08T12:00:00Z','ms':'2024-01-08t13:00:00.5+01:00','us':'2024-01-08 12:00:00.000001z',"
                        + "'ns':'2024-01-08T06:30:00.123456789-05:30'}");
        assertThat(rows.get(0)).isEqualTo(Map.of(
                "sec", "2024-01-08 12:00:00+00", "ms", "2024-01-08 12:00:00.123+00",
                "us", "2024-01-08 12:00:00.123456+00", "ns", "2024-01-08 12:00:00.123456+00",
                "type", "TIMESTAMP WITH TIME ZONE"));
        assertThat(rows.get(1)).isEqualTo(Map.of(
                "sec", "1969-12-31 23:59:59+00", "ms", "1969-12-31 23:59:59.999+00",
                "us", "1969-12-31 23:59:59.999999+00", "ns", "1969-12-31 23:59:59.999999+00",
                "type", "TIMESTAMP WITH TIME ZONE"));
        assertThat(rows.get(2)).isEqualTo(Map.of(
                "sec", "2024-01-08 12:00:00+00", "ms", "2024-01-08 12:00:00.5+00",
                "us", "2024-01-08 12:00:00.000001+00", "ns", "2024-01-08 12:00:00.123456+00",
                "type", "TIMESTAMP WITH TIME ZONE"));
    }

    @Test
    void listsAndStructsDecodeTheirElementsAndRenameMembers() throws Exception {
        StreamSchema schema = schema("""
                {'fields':[{'name':'ids','type':'list','items':{'type':'int64'}},
                 {'name':'times','type':'list','items':{'type':'timestamp','unit':'second'}},
                 {'name':'user','type':'struct','fields':[{'name':'at','type':'timestamp','unit':'millisecond'},
                   {'name':'avatar','type':'binary'},{'name':'n','type':'int64','sql_name':'count'},
                   {'name':'tags','type':'list','items':{'type':'binary'}}]},
                 {'name':'Amount','type':'decimal128','precision':10,'scale':3,'sql_name':'amount'}]}""");
        List<Map<String, String>> rows = load(schema, "CAST(ids AS VARCHAR) AS ids, CAST(times AS VARCHAR) AS times, "
                        + "CAST(\"user\" AS VARCHAR) AS u, typeof(\"user\") AS ut, CAST(amount AS VARCHAR) AS amount",
                "{'ids':['1',2],'times':[0,'1970-01-01T00:00:01Z'],'user':{'at':'2024-01-08T12:00:00Z','avatar':'aGk',"
                        + "'n':'3','tags':['aGk=','aGVsbG8']},'Amount':'1.5'}",
                "{'ids':[],'times':null,'user':null}");
        assertThat(rows.get(0)).isEqualTo(Map.of(
                "ids", "[1, 2]",
                "times", "['1970-01-01 00:00:00+00', '1970-01-01 00:00:01+00']",
                "u", "{'at': '2024-01-08 12:00:00+00', 'avatar': hi, 'count': 3, 'tags': [hi, hello]}",
                "ut", "STRUCT(\"at\" TIMESTAMP WITH TIME ZONE, avatar BLOB, count BIGINT, tags BLOB[])",
                "amount", "1.500"));
        assertThat(rows.get(1)).containsEntry("ids", "[]").containsEntry("times", null).containsEntry("u", null);
    }

    @Test
    void hiddenColumnsCarryOffsetAndIngestTime() throws Exception {
        StreamSchema schema = schema("{'fields':[{'name':'a','type':'string'}]}");
        List<Map<String, String>> rows = load(schema, "a, __offset, CAST(__ingest_ts AS VARCHAR) AS t",
                "{}", "  {'a':'x',\n'ignored':[1,2]}\n", "{'a':'y'}");
        assertThat(rows.getFirst()).containsEntry("a", null).containsEntry("__offset", "100");
        assertThat(rows.subList(1, 3)).containsExactly(
                Map.of("a", "x", "__offset", "101", "t", "2024-01-08 12:00:00.123+00"),
                Map.of("a", "y", "__offset", "102", "t", "2024-01-08 12:00:00.123+00"));
    }

    @Test
    void anUnstructuredStreamHasOneJsonValueColumn() throws Exception {
        List<Map<String, String>> rows = load(null, "CAST(value AS VARCHAR) AS value, typeof(value) AS type, __offset",
                "{'any':'thing'}", "[1,2]");
        assertThat(rows).containsExactly(
                Map.of("value", "{\"any\":\"thing\"}", "type", "JSON", "__offset", "100"),
                Map.of("value", "[1,2]", "type", "JSON", "__offset", "101"));
    }

    @Test
    void anEmptyBatchIsAnEmptyTableOfTheSameColumns() throws Exception {
        StreamSchema schema = schema("{'fields':[{'name':'a','type':'timestamp'}]}");
        new BatchLoader(schema, engine.workDirectory()).load(connection, List.of(), "empty");
        assertThat(rows(connection, "SELECT column_name, column_type FROM (DESCRIBE empty)")).containsExactly(
                Map.of("column_name", "a", "column_type", "TIMESTAMP WITH TIME ZONE"),
                Map.of("column_name", "__offset", "column_type", "BIGINT"),
                Map.of("column_name", "__ingest_ts", "column_type", "TIMESTAMP WITH TIME ZONE"));
    }

    @Test
    void recordsLentFromInsideALargerBufferAreCopiedExactly() throws Exception {
        StreamSchema schema = schema("{'fields':[{'name':'a','type':'string'},{'name':'n','type':'int64'}]}");
        String log = "junk{\"a\":\"before\"}  {\"a\":\"x\\ny\",\n \"n\":1}\r\n{ }{\"a\":\"after\"}";
        ByteBuffer buffer = ByteBuffer.allocateDirect(64).put(log.getBytes(StandardCharsets.UTF_8));
        int first = log.indexOf("  {");
        int second = log.indexOf("{ }");
        BatchLoader loader = new BatchLoader(schema, engine.workDirectory());
        try (BatchWriter writer = loader.writer()) {
            writer.append(7, 1_704_715_200_123L, buffer, first, second - first);
            writer.append(8, 1_704_715_200_123L, buffer, second, 3);
            try (BatchFile file = writer.finish()) {
                Map<String, String> empty = new HashMap<>();
                empty.put("a", null);
                empty.put("n", null);
                empty.put("__offset", "8");
                assertThat(rows(connection, "SELECT a, n, __offset FROM " + loader.relation(file))).containsExactly(
                        Map.of("a", "x\ny", "n", "1", "__offset", "7"), empty);
            }
        }
    }

    @Test
    void aPlainBatchHoldsTheRecordsAloneWithNullHiddenColumns() throws Exception {
        StreamSchema schema = schema("{'fields':[{'name':'a','type':'string'},{'name':'n','type':'int64'}]}");
        BatchLoader loader = new BatchLoader(schema, engine.workDirectory());
        try (BatchWriter plain = loader.plainWriter(); BatchWriter keyed = loader.writer()) {
            plain.append(records(7, 1_704_715_200_123L, "{'a':'x\\ny','n':1}", "{ }"));
            keyed.append(records(9, 1_704_715_200_123L, "{'a':'z'}"));
            try (BatchFile plainFile = plain.finish(); BatchFile keyedFile = keyed.finish()) {
                assertThat(Files.readString(plainFile.path())).isEqualTo("{\"a\":\"x\\ny\",\"n\":1}\n{ }\n");
                Map<String, String> empty = new HashMap<>();
                empty.put("a", null);
                empty.put("n", null);
                empty.put("hidden", null);
                assertThat(rows(connection, "SELECT a, n, coalesce(CAST(__offset AS VARCHAR), CAST(__ingest_ts AS VARCHAR))"
                        + " AS hidden FROM " + loader.relation(plainFile))).containsExactly(
                        mapOf("a", "x\ny", "n", "1", "hidden", null), empty);
                assertThatThrownBy(() -> loader.relation(List.of(plainFile, keyedFile)))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plain");
            }
        }
    }

    @Test
    void aPlainBatchOfAnUnstructuredStreamWrapsEachValue() throws Exception {
        BatchLoader loader = new BatchLoader(null, engine.workDirectory());
        try (BatchWriter plain = loader.plainWriter()) {
            plain.append(records(0, 1_704_715_200_123L, "[1,2]", "'text'"));
            try (BatchFile file = plain.finish()) {
                assertThat(Files.readString(file.path())).isEqualTo("{\"value\":[1,2]}\n{\"value\":\"text\"}\n");
                assertThat(rows(connection, "SELECT CAST(value AS VARCHAR) AS v FROM " + loader.relation(file)))
                        .containsExactly(Map.of("v", "[1,2]"), Map.of("v", "\"text\""));
            }
        }
    }

    private static Map<String, String> mapOf(String... keysAndValues) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
