package dev.floe.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.stream.schema.StreamSchema;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** DuckDB's spellings of column types, as DESCRIBE gives them, and the Cloudflare field each becomes. */
class CloudflareTypesTest {

    /** The field as it appears in a schema's JSON, single quotes for double. */
    private static String json(String duckDbType) {
        return new StreamSchema(List.of(CloudflareTypes.field("c", duckDbType))).toJson().path("fields").get(0)
                .toString().replace('"', '\'');
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            VARCHAR                  | string
            BOOLEAN                  | bool
            TINYINT                  | int32
            SMALLINT                 | int32
            INTEGER                  | int32
            UTINYINT                 | int32
            USMALLINT                | int32
            BIGINT                   | int64
            UINTEGER                 | uint32
            UBIGINT                  | uint64
            FLOAT                    | float32
            DOUBLE                   | float64
            JSON                     | json
            BLOB                     | binary
            "NULL"                   | json
            MAP(VARCHAR, INTEGER)    | json
            UNION(num INTEGER)       | json
            DATE                     | string
            TIME                     | string
            TIME WITH TIME ZONE      | string
            INTERVAL                 | string
            UUID                     | string
            BIT                      | string
            BIGNUM                   | string
            ENUM('a', 'b,c)')        | string
            """)
    void simpleTypes(String duckDbType, String cloudflareType) {
        assertThat(json(duckDbType)).isEqualTo("{'name':'c','type':'" + cloudflareType + "','required':false}");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            TIMESTAMP WITH TIME ZONE | microsecond
            TIMESTAMP                | microsecond
            TIMESTAMP_S              | second
            TIMESTAMP_MS             | millisecond
            TIMESTAMP_NS             | nanosecond
            """)
    void timestampsKeepTheirUnit(String duckDbType, String unit) {
        assertThat(json(duckDbType)).isEqualTo("{'name':'c','type':'timestamp','required':false,'unit':'" + unit + "'}");
    }

    @Test
    void decimalsKeepPrecisionAndScaleAndHugeIntegersAreTheWidestDecimal() {
        assertThat(json("DECIMAL(18,3)"))
                .isEqualTo("{'name':'c','type':'decimal128','required':false,'precision':18,'scale':3}");
        assertThat(json("HUGEINT"))
                .isEqualTo("{'name':'c','type':'decimal128','required':false,'precision':38,'scale':0}");
        assertThat(json("UHUGEINT")).contains("'precision':38");
    }

    @Test
    void listsAndFixedSizeArraysAreListsOfTheirItems() {
        assertThat(json("VARCHAR[]"))
                .isEqualTo("{'name':'c','type':'list','required':false,'items':{'type':'string','required':false}}");
        assertThat(json("INTEGER[2]")).contains("'items':{'type':'int32'");
        assertThat(json("FLOAT[][]"))
                .contains("'items':{'type':'list','required':false,'items':{'type':'float32','required':false}}");
    }

    @Test
    void structsHaveTheirMembersWithQuotedNamesUnquoted() {
        assertThat(json("STRUCT(\"a b\" INTEGER, \"x\"\"y\" INTEGER[], z STRUCT(q VARCHAR, \"t, u\" TIMESTAMP_MS))"))
                .isEqualTo("{'name':'c','type':'struct','required':false,'fields':["
                        + "{'name':'a b','type':'int32','required':false},"
                        + "{'name':'x\\'y','type':'list','required':false,'items':{'type':'int32','required':false}},"
                        + "{'name':'z','type':'struct','required':false,'fields':["
                        + "{'name':'q','type':'string','required':false},"
                        + "{'name':'t, u','type':'timestamp','required':false,'unit':'millisecond'}]}]}");
    }

    @Test
    void aListOfStructs() {
        assertThat(json("STRUCT(a INTEGER, \"b]\" MAP(VARCHAR, VARCHAR))[]"))
                .isEqualTo("{'name':'c','type':'list','required':false,'items':{'type':'struct','required':false,"
                        + "'fields':[{'name':'a','type':'int32','required':false},"
                        + "{'name':'b]','type':'json','required':false}]}}");
    }
}
