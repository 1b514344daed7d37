package dev.floe.cli.pipelines;

import dev.floe.cli.output.LabelledValues;
import dev.floe.cli.output.PageTable;
import dev.floe.cli.output.TablePrinter;
import dev.floe.client.Page;
import dev.floe.client.PipelineInfo;
import java.io.PrintWriter;
import java.util.List;

/** Pipelines for a person: one in detail, or a page of them as a table. */
final class PipelineDetails {
    private PipelineDetails() {
    }

    static void print(PrintWriter out, PipelineInfo pipeline) {
        LabelledValues values = new LabelledValues()
                .add("ID", pipeline.id())
                .add("Name", pipeline.name())
                .add("Status", pipeline.status());
        if (pipeline.failureReason() != null) {
            values.add("Failure", pipeline.failureReason());
        }
        values.add("Created", String.valueOf(pipeline.createdAt()))
                .add("Modified", String.valueOf(pipeline.modifiedAt()))
                .print(out, 0);
        out.println();
        out.println("SQL:");
        pipeline.sql().lines().forEach(line -> out.println("  " + line));
        printTables(out, "Streams", pipeline.tables("stream"));
        printTables(out, "Sinks", pipeline.tables("sink"));
    }

    private static void printTables(PrintWriter out, String title, List<PipelineInfo.Table> tables) {
        out.println();
        if (tables.isEmpty()) {
            out.println(title + ": none");
            return;
        }
        out.println(title + ":");
        TablePrinter table = new TablePrinter("Name", "ID");
        tables.forEach(used -> table.addRow(used.name(), used.id()));
        table.print(out, 2);
    }

    static void print(PrintWriter out, Page<PipelineInfo> page) {
        TablePrinter table = new TablePrinter("Name", "ID", "Status", "Created");
        for (PipelineInfo pipeline : page.items()) {
            table.addRow(pipeline.name(), pipeline.id(), pipeline.status(), String.valueOf(pipeline.createdAt()));
        }
        PageTable.print(out, page, "pipelines", table);
    }
}
