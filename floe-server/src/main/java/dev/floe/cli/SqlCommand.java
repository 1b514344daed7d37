package dev.floe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.floe.cli.output.JsonOption;
import dev.floe.cli.output.SqlResultTable;
import dev.floe.client.FloeClient;
import dev.floe.client.SqlResult;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code floe sql <bucket> "<query>"}: R2 SQL over a bucket's catalog tables, the query given as an
 * argument, in a file ({@code --file}) or on standard input, the rows printed as an aligned table
 * (or {@code --json}, {@code --csv}), then a line with the row count and the time taken.
 */
@Command(name = "sql", description = "Query a bucket's catalog tables with SQL (read-only; R2 SQL).")
public final class SqlCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ConnectionOptions connection;

    @Parameters(index = "0", paramLabel = "<bucket>", description = "The bucket whose catalog holds the tables.")
    private String bucket;

    @Parameters(index = "1", arity = "0..1", paramLabel = "<query>",
            description = "The query; without it (and without --file) it is read from standard input.")
    private String query;

    @Option(names = "--file", paramLabel = "<file>", description = "Read the query from a file.")
    private Path file;

    @ArgGroup(exclusive = true)
    private Format format = new Format();

    static final class Format {
        @Option(names = "--json", description = "Print the API's JSON result, pretty-printed.")
        boolean json;

        @Option(names = "--csv", description = "Print the rows as CSV with a header line.")
        boolean csv;
    }

    @Override
    public Integer call() throws IOException {
        String sql = sql();
        long started = System.nanoTime();
        SqlResult result;
        try (FloeClient client = connection.connect()) {
            result = client.sql().query(bucket, sql);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        PrintWriter out = spec.commandLine().getOut();
        if (format.json) {
            JsonOption.print(out, result.raw());
            return 0;
        }
        if (format.csv) {
            printCsv(out, result);
            return 0;
        }
        SqlResultTable.print(out, result);
        out.println();
        out.println(result.rows().size() + (result.rows().size() == 1 ? " row" : " rows") + " in " + millis + " ms ("
                + result.filesScanned() + " files, " + result.bytesScanned() + " bytes scanned)"
                + (result.defaultLimit() == null ? "" : "; no LIMIT given, so at most " + result.defaultLimit()
                + " rows are answered"));
        return 0;
    }

    private String sql() throws IOException {
        if (query != null && file != null) {
            throw new FloeException(ErrorCode.INVALID_REQUEST, "give the query as an argument or with --file, not both");
        }
        if (query != null) {
            return query;
        }
        if (file != null) {
            return InputFiles.read(file, "SQL file");
        }
        return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static void printCsv(PrintWriter out, SqlResult result) {
        out.println(csvLine(result.columns().stream().map(SqlResult.Column::name).toList()));
        for (JsonNode row : result.rows()) {
            out.println(csvLine(result.columns().stream().map(column -> {
                JsonNode value = row.get(column.name());
                return value == null || value.isNull() ? "" : SqlResultTable.text(value);
            }).toList()));
        }
    }

    /** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
    private static String csvLine(List<String> fields) {
        StringJoiner line = new StringJoiner(",");
        for (String field : fields) {
            boolean quote = field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r");
            line.add(quote ? "\"" + field.replace("\"", "\"\"") + "\"" : field);
        }
        return line.toString();
    }
}
