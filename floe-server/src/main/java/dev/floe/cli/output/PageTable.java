package dev.floe.cli.output;

import dev.floe.client.Page;
import java.io.PrintWriter;

/** A page of a list as a table, and how to see the next page. */
public final class PageTable {
    private PageTable() {
    }

    /**
     * @param plural what the items are ("streams"), for the line said when there are none
     * @param table  one row per item of the page
     */
    public static void print(PrintWriter out, Page<?> page, String plural, TablePrinter table) {
        if (page.items().isEmpty()) {
            out.println("No " + plural + " found.");
            return;
        }
        table.print(out, 0);
        if (page.hasNextPage()) {
            out.println();
            out.println("Page " + page.page() + " of " + page.totalPages() + " (" + page.totalCount() + " "
                    + plural + "); see the next one with --page " + (page.page() + 1) + ".");
        }
    }
}
