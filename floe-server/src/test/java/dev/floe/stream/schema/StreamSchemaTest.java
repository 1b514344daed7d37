package dev.floe.stream.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StreamSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static StreamSchema schema(String text) {
        return StreamSchema.fromJson(json(text));
    }

    @Test
    void readsEveryPrimitiveType() {
        StreamSchema schema = schema("""
                {'fields':[
                  {'name':'s','type':'string','required':true},
                  {'name':'b','type':'bool'},
                  {'name':'i32','type':'int32'},
                  {'name':'i64','type':'int64'},
                  {'name':'u32','type':'uint32'},
                  {'name':'u64','type':'uint64'},
                  {'name':'f32','type':'float32'},
                  {'name':'f64','type':'float64'},
                  {'name':'d','type':'decimal128','precision':10,'scale':2},
                  {'name':'t','type':'timestamp'},
                  {'name':'j','type':'json'},
                  {'name':'bin','type':'binary'}
                ]}""");

        assertThat(schema.fields()).extracting(SchemaField::type).containsExactly(
                FieldType.STRING, FieldType.BOOL, FieldType.INT32, FieldType.INT64, FieldType.UINT32,
                FieldType.UINT64, FieldType.FLOAT32, FieldType.FLOAT64, FieldType.DECIMAL128,
                FieldType.TIMESTAMP, FieldType.JSON, FieldType.BINARY);
        assertThat(schema.fields().get(0).required()).isTrue();
        assertThat(schema.fields().get(1).required()).isFalse();
        SchemaField decimal = schema.fields().get(8);
        assertThat(decimal.precision()).isEqualTo(10);
        assertThat(decimal.scale()).isEqualTo(2);
        assertThat(schema.fields().get(9).unit()).isEqualTo(TimestampUnit.MILLISECOND);
        assertThat(schema.fields().get(0).unit()).isNull();
        assertThat(schema.fields().get(0).fields()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "s, SECOND", "second, SECOND", "ms, MILLISECOND", "millisecond, MILLISECOND",
        "us, MICROSECOND", "microsecond, MICROSECOND", "ns, NANOSECOND", "nanosecond, NANOSECOND"
    })
    void readsTimestampUnitsByLongAndShortName(String name, TimestampUnit unit) {
        StreamSchema schema = schema("{'fields':[{'name':'t','type':'timestamp','unit':'" + name + "'}]}");

        assertThat(schema.fields().get(0).unit()).isEqualTo(unit);
        assertThat(schema.toJson().at("/fields/0/unit").asText()).isEqualTo(unit.wireName());
    }

    @Test
    void readsBytesAsBinary() {
        StreamSchema schema = schema("{'fields':[{'name':'raw','type':'bytes'}]}");

        assertThat(schema.fields().get(0).type()).isEqualTo(FieldType.BINARY);
        assertThat(schema.toJson().at("/fields/0/type").asText()).isEqualTo("binary");
    }

    @Test
    void readsNestingOfListsAndStructs() {
        StreamSchema schema = schema("""
                {'fields':[{'name':'orders','type':'list','required':true,'items':{
                  'type':'struct','fields':[
                    {'name':'id','type':'int64','required':true},
                    {'name':'lines','type':'list','items':{'name':'line','type':'struct','fields':[
                      {'name':'sku','type':'string'},
                      {'name':'dims','type':'list','items':{'type':'list','items':{'type':'float64'}}}
                    ]}}
                  ]}}]}""");

        SchemaField orders = schema.fields().get(0);
        assertThat(orders.type()).isEqualTo(FieldType.LIST);
        SchemaField order = orders.items();
        assertThat(order.name()).isNull();
        assertThat(order.type()).isEqualTo(FieldType.STRUCT);
        SchemaField line = order.fields().get(1).items();
        assertThat(line.name()).isEqualTo("line");
        SchemaField dims = line.fields().get(1);
        assertThat(dims.items().items().type()).isEqualTo(FieldType.FLOAT64);
    }

    @Test
    void writesTheNormalizedFormAndReadsItBackEqual() {
        StreamSchema schema = schema("""
                {'fields':[
                  {'name':'id','type':'string','required':true,'sql_name':'event_id','metadata_key':'request_id'},
                  {'name':'at','type':'timestamp','unit':'us'},
                  {'name':'raw','type':'bytes'},
                  {'name':'price','type':'decimal128','precision':38,'scale':0},
                  {'name':'tags','type':'list','items':{'type':'string','required':true}},
                  {'name':'user','type':'struct','fields':[{'name':'zip','type':'string'}],'unknown':'ignored'}
                ]}""");

        JsonNode written = schema.toJson();

        assertThat(written).isEqualTo(json("""
                {'fields':[
                  {'name':'id','type':'string','required':true,'sql_name':'event_id','metadata_key':'request_id'},
                  {'name':'at','type':'timestamp','required':false,'unit':'microsecond'},
                  {'name':'raw','type':'binary','required':false},
                  {'name':'price','type':'decimal128','required':false,'precision':38,'scale':0},
                  {'name':'tags','type':'list','required':false,'items':{'type':'string','required':true}},
                  {'name':'user','type':'struct','required':false,'fields':[{'name':'zip','type':'string','required':false}]}
                ]}"""));
        assertThat(StreamSchema.fromJson(written)).isEqualTo(schema);
        assertThat(StreamSchema.fromJson(written).toJson()).isEqualTo(written);
    }

    @Test
    void schemaIsImmutable() {
        StreamSchema schema = schema("{'fields':[{'name':'user','type':'struct','fields':[{'name':'zip','type':'string'}]}]}");

        assertThatThrownBy(() -> schema.fields().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> schema.fields().get(0).fields().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void ignoresNullOptionalAttributes() {
        StreamSchema schema = schema("{'fields':[{'name':'t','type':'timestamp','unit':null,'required':null,'sql_name':null}]}");

        assertThat(schema.fields().get(0)).isEqualTo(new SchemaField(
                "t", FieldType.TIMESTAMP, false, 0, 0, TimestampUnit.MILLISECOND, null, List.of(), null, null));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        not an object                | ['fields']                                                              | schema must be a JSON object
        no fields                    | {}                                                                      | schema: "fields" must be a non-empty array of field objects
        empty fields                 | {'fields':[]}                                                           | schema: "fields" must be a non-empty array
        fields not an array          | {'fields':{'name':'a'}}                                                 | schema: "fields" must be a non-empty array
        entry not an object          | {'fields':['a']}                                                        | schema field "fields[0]": must be an object like
        missing name                 | {'fields':[{'name':'a','type':'int32'},{'type':'int32'}]}               | schema field "fields[1]": "name" is missing; give every field a non-empty name
        empty name                   | {'fields':[{'name':'','type':'int32'}]}                                 | schema field "fields[0]": "name" must not be empty
        name not a string            | {'fields':[{'name':7,'type':'int32'}]}                                  | schema field "fields[0]": "name" must be a string, got number 7
        duplicate name               | {'fields':[{'name':'a','type':'int32'},{'name':'a','type':'string'}]}   | schema field "a": the name "a" is used twice; names must be unique within the schema
        duplicate name in struct     | {'fields':[{'name':'u','type':'struct','fields':[{'name':'a','type':'int32'},{'name':'a','type':'int32'}]}]} | schema field "u.a": the name "a" is used twice; names must be unique within a struct
        missing type                 | {'fields':[{'name':'a'}]}                                               | schema field "a": "type" is missing; use one of: string, bool, int32, int64, uint32, uint64, float32, float64, decimal128, timestamp, json, binary, list, struct
        unknown type                 | {'fields':[{'name':'a','type':'strng'}]}                                | schema field "a": unknown type "strng"; use one of: string, bool,
        type case matters            | {'fields':[{'name':'a','type':'String'}]}                               | schema field "a": unknown type "String"
        type not a string            | {'fields':[{'name':'a','type':['int32']}]}                              | schema field "a": "type" must be a string, got an array
        required not a boolean       | {'fields':[{'name':'a','type':'int32','required':'yes'}]}               | schema field "a": "required" must be true or false, got string "yes"
        decimal without precision    | {'fields':[{'name':'d','type':'decimal128','scale':2}]}                 | schema field "d": decimal128 needs "precision", an integer from 1 to 38
        decimal without scale        | {'fields':[{'name':'d','type':'decimal128','precision':10}]}            | schema field "d": decimal128 needs "scale", an integer from 0 to 10
        precision zero               | {'fields':[{'name':'d','type':'decimal128','precision':0,'scale':0}]}   | schema field "d": "precision" must be an integer from 1 to 38, got number 0
        precision too large          | {'fields':[{'name':'d','type':'decimal128','precision':39,'scale':0}]}  | schema field "d": "precision" must be an integer from 1 to 38, got number 39
        precision fractional         | {'fields':[{'name':'d','type':'decimal128','precision':10.5,'scale':0}]} | schema field "d": "precision" must be an integer from 1 to 38, got number 10.5
        precision a string           | {'fields':[{'name':'d','type':'decimal128','precision':'10','scale':0}]} | schema field "d": "precision" must be an integer from 1 to 38, got string "10"
        scale above precision        | {'fields':[{'name':'d','type':'decimal128','precision':5,'scale':6}]}   | schema field "d": "scale" must be an integer from 0 to 5, got number 6
        negative scale               | {'fields':[{'name':'d','type':'decimal128','precision':5,'scale':-1}]}  | schema field "d": "scale" must be an integer from 0 to 5, got number -1
        unknown unit                 | {'fields':[{'name':'t','type':'timestamp','unit':'hours'}]}             | schema field "t": unknown timestamp unit "hours"; use second, millisecond, microsecond or nanosecond (or s, ms, us, ns)
        unit not a string            | {'fields':[{'name':'t','type':'timestamp','unit':1000}]}                | schema field "t": "unit" must be a string, got number 1000
        list without items           | {'fields':[{'name':'tags','type':'list'}]}                              | schema field "tags": a list needs "items", a field object giving the type of its elements
        items not an object          | {'fields':[{'name':'tags','type':'list','items':'string'}]}             | schema field "tags.items": must be a field object like {"type":"string"}, got string "string"
        bad type in items            | {'fields':[{'name':'tags','type':'list','items':{'type':'text'}}]}      | schema field "tags.items": unknown type "text"
        empty items name             | {'fields':[{'name':'tags','type':'list','items':{'name':'','type':'int32'}}]} | schema field "tags.items": "name" must not be empty
        struct without fields        | {'fields':[{'name':'user','type':'struct'}]}                            | schema field "user": "fields" must be a non-empty array of field objects
        struct with empty fields     | {'fields':[{'name':'user','type':'struct','fields':[]}]}                | schema field "user": "fields" must be a non-empty array of field objects like {"name":"id","type":"string"}, got an empty array
        deep bad field               | {'fields':[{'name':'user','type':'struct','fields':[{'name':'address','type':'struct','fields':[{'name':'zip','type':'int33'}]}]}]} | schema field "user.address.zip": unknown type "int33"
        unnamed deep field           | {'fields':[{'name':'user','type':'struct','fields':[{'name':'a','type':'int32'},{'type':'int32'}]}]} | schema field "user.fields[1]": "name" is missing
        bad field in list of struct  | {'fields':[{'name':'lines','type':'list','items':{'type':'struct','fields':[{'name':'qty','type':'int32','required':1}]}}]} | schema field "lines.items.qty": "required" must be true or false, got number 1
        sql_name not a string        | {'fields':[{'name':'a','type':'int32','sql_name':5}]}                   | schema field "a": "sql_name" must be a string, got number 5
        metadata_key not a string    | {'fields':[{'name':'a','type':'int32','metadata_key':{}}]}              | schema field "a": "metadata_key" must be a string, got an object
        """)
    void refusesAnInvalidSchemaNamingTheFieldAndTheFix(String caseName, String schemaJson, String message) {
        assertThatThrownBy(() -> schema(schemaJson))
                .isInstanceOf(FloeException.class)
                .satisfies(e -> assertThat(((FloeException) e).code()).isEqualTo(ErrorCode.INVALID_REQUEST))
                .hasMessageStartingWith(message);
    }

    @Test
    void truncatesLongValuesInMessages() {
        String longType = "x".repeat(500);

        assertThatThrownBy(() -> schema("{'fields':[{'name':'a','type':'" + longType + "'}]}"))
                .hasMessageContaining("unknown type \"" + "x".repeat(40) + "...\"")
                .hasMessageNotContaining("x".repeat(41));
    }

    @Test
    void fieldTypesAndUnitsAreFoundByEveryName() {
        for (FieldType type : FieldType.values()) {
            assertThat(FieldType.fromWireName(type.wireName())).contains(type);
        }
        assertThat(FieldType.fromWireName("bytes")).contains(FieldType.BINARY);
        assertThat(FieldType.fromWireName("boolean")).isEmpty();
        assertThat(TimestampUnit.fromWireName("ms")).contains(TimestampUnit.MILLISECOND);
        assertThat(TimestampUnit.fromWireName("minute")).isEmpty();
        assertThat(TimestampUnit.NANOSECOND.perSecond()).isEqualTo(1_000_000_000L);
    }

    @Test
    void schemaFieldRefusesInconsistentAttributes() {
        assertThatThrownBy(() -> new SchemaField("a", FieldType.STRING, false, 5, 0, null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SchemaField("a", FieldType.TIMESTAMP, false, 0, 0, null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SchemaField("a", FieldType.LIST, false, 0, 0, null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SchemaField("a", FieldType.STRUCT, false, 0, 0, null, null, List.of(), null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StreamSchema(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
