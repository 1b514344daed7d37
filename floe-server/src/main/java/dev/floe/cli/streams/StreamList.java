package dev.floe.cli.streams;

import dev.floe.cli.output.PageTable;
import dev.floe.cli.output.TablePrinter;
import dev.floe.client.Page;
import dev.floe.client.StreamInfo;

import java.io.PrintWriter;

/** A page of streams as a table, one stream a line, and how to see the next page. */
final class StreamList {
    private StreamList() {
    }

    static void print(PrintWriter out, Page<StreamInfo> page) {
        TablePrinter table = new TablePrinter("Name", "ID", "HTTP", "Created");
        for (StreamInfo stream : page.items()) {
            table.addRow(stream.name(), stream.id(), httpSummary(stream), StreamDetails.timestamp(stream.createdAt()));
        }
        PageTable.print(out, page, "streams", table);
    }

    /** Whether, and how, a stream takes records over HTTP. */
    static String httpSummary(StreamInfo stream) {
        if (!stream.httpEnabled()) {
            return "No";
        }
        return stream.httpAuthentication() ? "Yes (authenticated)" : "Yes (unauthenticated)";
    }
}
