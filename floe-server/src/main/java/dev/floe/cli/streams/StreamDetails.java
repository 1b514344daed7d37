package dev.floe.cli.streams;

import dev.floe.cli.output.LabelledValues;
import dev.floe.cli.output.SchemaTable;
import dev.floe.client.StreamInfo;

import java.io.PrintWriter;
import java.time.Instant;

/** Everything about one stream, for a person: its settings, then its schema. */
final class StreamDetails {
    static final String UNSTRUCTURED = "Input Schema: Unstructured JSON (single 'value' column)";

    private StreamDetails() {
    }

    static void print(PrintWriter out, StreamInfo stream) {
        new LabelledValues()
                .add("ID", stream.id())
                .add("Name", stream.name())
                .add("Created", timestamp(stream.createdAt()))
                .add("Modified", timestamp(stream.modifiedAt()))
                .add("Endpoint", stream.endpoint())
                .add("HTTP", yesNo(stream.httpEnabled()))
                .add("Authentication", yesNo(stream.httpAuthentication()))
                .add("CORS origins", stream.corsOrigins().isEmpty() ? "None" : String.join(", ", stream.corsOrigins()))
                .add("Worker binding", yesNo(stream.workerBindingEnabled()))
                .print(out, 0);
        out.println();
        if (stream.schema() == null || stream.schema().path("fields").isEmpty()) {
            out.println(UNSTRUCTURED);
        } else {
            out.println("Input Schema:");
            SchemaTable.of(stream.schema()).print(out, 2);
        }
    }

    static String timestamp(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static String yesNo(boolean value) {
        return value ? "Yes" : "No";
    }
}
