package dev.floe.cli.sinks;

import dev.floe.cli.output.LabelledValues;
import dev.floe.cli.output.PageTable;
import dev.floe.cli.output.SchemaTable;
import dev.floe.cli.output.TablePrinter;
import dev.floe.client.Page;
import dev.floe.client.SinkInfo;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;

/** Sinks for a person: one in detail with the schema its pipeline writes, or a page of them as a table. */
final class SinkDetails {
    private SinkDetails() {
    }

    static void print(PrintWriter out, SinkInfo sink) {
        LabelledValues values = new LabelledValues()
                .add("ID", sink.id())
                .add("Name", sink.name())
                .add("Type", sink.type())
                .add("Created", String.valueOf(sink.createdAt()))
                .add("Bucket", sink.bucket());
        JsonNode config = sink.raw().path("config");
        if (config.has("table_name")) {
            values.add("Table", config.path("namespace").asText() + "." + config.path("table_name").asText());
        }
        values.add("Path", sink.path().isEmpty() ? "(root)" : sink.path())
                .add("Partitioning", sink.timePattern())
                .add("Format", sink.format() + " (" + sink.compression() + ")");
        if (sink.rowGroupBytes() > 0) {
            values.add("Row group size", megabytes(sink.rowGroupBytes()));
        }
        values.add("Roll interval", sink.rollIntervalSeconds() + "s")
                .add("Roll size", sink.rollFileSizeBytes() == 0 ? "none" : megabytes(sink.rollFileSizeBytes()))
                .add("Roll inactivity", sink.rollInactivitySeconds() == 0 ? "none" : sink.rollInactivitySeconds() + "s")
                .add("File names", sink.namingStrategy())
                .print(out, 0);
        out.println();
        if (sink.schema() == null) {
            out.println("Schema: none yet (set by the pipeline that writes to this sink)");
        } else {
            out.println("Schema:");
            SchemaTable.of(sink.schema()).print(out, 2);
        }
    }

    static void print(PrintWriter out, Page<SinkInfo> page) {
        TablePrinter table = new TablePrinter("Name", "ID", "Type", "Destination", "Format", "Created");
        for (SinkInfo sink : page.items()) {
            table.addRow(sink.name(), sink.id(), sink.type(),
                    sink.bucket() + (sink.path().isEmpty() ? "" : "/" + sink.path()), sink.format(),
                    String.valueOf(sink.createdAt()));
        }
        PageTable.print(out, page, "sinks", table);
    }

    private static String megabytes(long bytes) {
        return Math.round(bytes / (1024.0 * 1024.0)) + "MB";
    }
}
