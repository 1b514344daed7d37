package dev.floe.cli.output;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TablePrinterTest {

    private static String print(TablePrinter table, int indent) {
        StringWriter text = new StringWriter();
        table.print(new PrintWriter(text), indent);
        return text.toString().replace(System.lineSeparator(), "\n");
    }

    @Test
    void alignsColumnsToTheirWidestCellAndTrimsLineEnds() {
        TablePrinter table = new TablePrinter("Name", "ID", "Created")
                .addRow("clicks", "1", "2026-01-01")
                .addRow("a", "12345678", null);

        assertThat(print(table, 0)).isEqualTo("""
                Name    ID        Created
                ------  --------  ----------
                clicks  1         2026-01-01
                a       12345678
                """);
    }

    @Test
    void indentsEveryLine() {
        TablePrinter table = new TablePrinter("A", "B").addRow("x", "y");

        assertThat(print(table, 2)).isEqualTo("""
                  A  B
                  -  -
                  x  y
                """);
    }

    @Test
    void headerAloneWhenThereAreNoRows() {
        assertThat(print(new TablePrinter("Name", "ID"), 0)).isEqualTo("""
                Name  ID
                ----  --
                """);
    }

    @Test
    void rowsMustMatchTheHeaders() {
        assertThatThrownBy(() -> new TablePrinter("A", "B").addRow("only one"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a row needs 2 cells, got 1");
    }
}
