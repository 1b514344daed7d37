package dev.floe.cli.streams;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.floe.client.Page;
import dev.floe.client.StreamInfo;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

class StreamViewsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final String STRUCTURED = """
            {"id":"0123456789abcdef0123456789abcdef","name":"clicks","version":1,
             "created_at":"2026-01-01T00:00:00Z","modified_at":"2026-01-02T00:00:00Z",
             "endpoint":"http://127.0.0.1:8787/ingest/0123456789abcdef0123456789abcdef",
             "format":{"type":"json","unstructured":false},
             "schema":{"fields":[
               {"name":"user_id","type":"string","required":true},
               {"name":"ts","type":"timestamp","unit":"millisecond","required":true},
               {"name":"tags","type":"list","items":{"type":"string"}},
               {"name":"device","type":"struct","fields":[
                 {"name":"os","type":"string","required":true},
                 {"name":"screen","type":"struct","fields":[{"name":"width","type":"int32"}]}]},
               {"name":"items","type":"list","items":{"type":"struct","fields":[
                 {"name":"sku","type":"string","required":true}]}}]},
             "http":{"enabled":true,"authentication":true,"cors":{"origins":["*","https://a.example"]}},
             "worker_binding":{"enabled":true}}""";

    private static final String UNSTRUCTURED = """
            {"id":"fedcba9876543210fedcba9876543210","name":"raw_events","version":1,
             "created_at":"2026-02-01T00:00:00Z","modified_at":"2026-02-01T00:00:00Z",
             "endpoint":"http://127.0.0.1:8787/ingest/fedcba9876543210fedcba9876543210",
             "format":{"type":"json","unstructured":true},"schema":null,
             "http":{"enabled":true,"authentication":false},"worker_binding":{"enabled":false}}""";

    private static StreamInfo stream(String json) throws Exception {
        return StreamInfo.fromJson(MAPPER.readTree(json));
    }

    private static String printed(Consumer<PrintWriter> printer) {
        StringWriter text = new StringWriter();
        printer.accept(new PrintWriter(text));
        return text.toString().replace(System.lineSeparator(), "\n");
    }

    @Test
    void detailsShowSettingsAndTheSchemaWithNestedFieldsIndented() throws Exception {
        StreamInfo clicks = stream(STRUCTURED);

        assertThat(printed(out -> StreamDetails.print(out, clicks))).isEqualTo("""
                ID:              0123456789abcdef0123456789abcdef
                Name:            clicks
                Created:         2026-01-01T00:00:00Z
                Modified:        2026-01-02T00:00:00Z
                Endpoint:        http://127.0.0.1:8787/ingest/0123456789abcdef0123456789abcdef
                HTTP:            Yes
                Authentication:  Yes
                CORS origins:    *, https://a.example
                Worker binding:  Yes

                Input Schema:
                  Field Name  Type       Unit/Items   Required
                  ----------  ---------  -----------  --------
                  user_id     string                  Yes
                  ts          timestamp  millisecond  Yes
                  tags        list       string       No
                  device      struct                  No
                    os        string                  Yes
                    screen    struct                  No
                      width   int32                   No
                  items       list       struct       No
                    sku       string                  Yes
                """);
    }

    @Test
    void detailsSayWhenAStreamIsUnstructured() throws Exception {
        StreamInfo raw = stream(UNSTRUCTURED);

        assertThat(printed(out -> StreamDetails.print(out, raw)))
                .contains("CORS origins:    None\n")
                .contains("Worker binding:  No\n")
                .endsWith("\nInput Schema: Unstructured JSON (single 'value' column)\n");
    }

    @Test
    void listShowsOneStreamALineWithItsHttpAccess() throws Exception {
        StreamInfo disabled = StreamInfo.fromJson(MAPPER.readTree(
                "{\"id\":\"0000\",\"name\":\"off\",\"created_at\":\"2026-03-01T00:00:00Z\",\"http\":{\"enabled\":false}}"));
        Page<StreamInfo> page = new Page<>(List.of(stream(STRUCTURED), stream(UNSTRUCTURED), disabled), 1, 20, 3, 3, 1);

        assertThat(printed(out -> StreamList.print(out, page))).isEqualTo("""
                Name        ID                                HTTP                   Created
                ----------  --------------------------------  ---------------------  --------------------
                clicks      0123456789abcdef0123456789abcdef  Yes (authenticated)    2026-01-01T00:00:00Z
                raw_events  fedcba9876543210fedcba9876543210  Yes (unauthenticated)  2026-02-01T00:00:00Z
                off         0000                              No                     2026-03-01T00:00:00Z
                """);
    }

    @Test
    void listPointsToTheNextPage() throws Exception {
        Page<StreamInfo> page = new Page<>(List.of(stream(STRUCTURED)), 2, 1, 1, 3, 3);

        assertThat(printed(out -> StreamList.print(out, page)))
                .endsWith("\nPage 2 of 3 (3 streams); see the next one with --page 3.\n");
    }

    @Test
    void emptyListSaysSo() {
        Page<StreamInfo> page = new Page<>(List.of(), 1, 20, 0, 0, 0);

        assertThat(printed(out -> StreamList.print(out, page))).isEqualTo("No streams found.\n");
    }
}
