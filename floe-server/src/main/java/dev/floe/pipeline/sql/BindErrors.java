package dev.floe.pipeline.sql;

import dev.floe.error.FloeException;
import java.sql.SQLException;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns DuckDB's error on binding a statement's query into a message at the right place in the
 * user's text.
 *
 * <p>When the message names what is wrong (a column, a function), the place is where the query first
 * names it. Otherwise it is where DuckDB's caret points: DuckDB ends most messages with the line it
 * failed on, without its leading blanks and possibly cut to a window marked {@code ...}, and a caret
 * under the spot. Some messages have neither, and are placed at the query's start.
 */
final class BindErrors {
    private static final Pattern LINE = Pattern.compile("^LINE (\\d+): (.*)$", Pattern.MULTILINE);
    private static final Pattern ERROR_KIND = Pattern.compile("^[A-Z][A-Za-z ]*Error: ");
    private static final Pattern UNKNOWN_COLUMN = Pattern.compile("Referenced column \"([^\"]*)\" not found in FROM clause!");
    /** Messages that name the thing they are about, in their first group. */
    private static final List<Pattern> SUBJECTS = List.of(UNKNOWN_COLUMN,
            Pattern.compile("argument types '([A-Za-z_0-9]+)\\("),
            Pattern.compile("Function with name \"?([A-Za-z_0-9]+)\"? does not exist"));

    private BindErrors() {}

    static FloeException of(SQLException error, StatementContext context, String stream, List<String> columns) {
        String message = error.getMessage() == null ? "cannot bind the query" : error.getMessage();
        OptionalInt named = subjectOffset(message, context);
        int offset = named.isPresent() ? named.getAsInt() : caretOffset(message, context).orElse(context.statement().queryStart());
        return context.errorAtOffset(offset, describe(message, stream, columns));
    }

    private static String describe(String message, String stream, List<String> columns) {
        String text = message;
        int context = text.indexOf("\n\nLINE ");
        if (context >= 0) {
            text = text.substring(0, context);
        }
        text = ERROR_KIND.matcher(text).replaceFirst("");
        Matcher unknown = UNKNOWN_COLUMN.matcher(text);
        if (unknown.find()) {
            return "unknown column '" + unknown.group(1) + "'; stream '" + stream + "' has columns: "
                    + String.join(", ", columns);
        }
        int newline = text.indexOf('\n');
        return (newline < 0 ? text : text.substring(0, newline)).strip();
    }

    private static OptionalInt subjectOffset(String message, StatementContext context) {
        for (Pattern subject : SUBJECTS) {
            Matcher matcher = subject.matcher(message);
            if (matcher.find()) {
                for (SqlToken token : context.statement().queryTokens()) {
                    if ((token.kind() == SqlToken.Kind.WORD || token.kind() == SqlToken.Kind.QUOTED_IDENTIFIER)
                            && token.identifier().equalsIgnoreCase(matcher.group(1))) {
                        return OptionalInt.of(token.start());
                    }
                }
            }
        }
        return OptionalInt.empty();
    }

    private static OptionalInt caretOffset(String message, StatementContext context) {
        Matcher line = LINE.matcher(message);
        if (!line.find()) {
            return OptionalInt.empty();
        }
        int lineNumber = Integer.parseInt(line.group(1));
        String shown = line.group(2);
        int caretLineStart = line.end() + 1;
        if (caretLineStart >= message.length()) {
            return OptionalInt.empty();
        }
        int caretLineEnd = message.indexOf('\n', caretLineStart);
        String caretLine = message.substring(caretLineStart, caretLineEnd < 0 ? message.length() : caretLineEnd);
        int caret = caretLine.indexOf('^') - ("LINE " + line.group(1) + ": ").length();
        if (caret < 0) {
            return OptionalInt.empty();
        }
        String sql = context.bindText().sql();
        String[] lines = sql.split("\n", -1);
        if (lineNumber < 1 || lineNumber > lines.length) {
            return OptionalInt.empty();
        }
        int lineStart = 0;
        for (int i = 0; i < lineNumber - 1; i++) {
            lineStart += lines[i].length() + 1;
        }
        String leading = shown.startsWith("...") ? "..." : "";
        String core = shown.substring(leading.length());
        if (core.endsWith("...")) {
            core = core.substring(0, core.length() - 3);
        }
        int coreAt = lines[lineNumber - 1].indexOf(core);
        if (coreAt < 0) {
            return OptionalInt.empty();
        }
        int inLine = coreAt + caret - leading.length();
        return OptionalInt.of(context.bindText().originalOffset(lineStart + inLine));
    }
}
