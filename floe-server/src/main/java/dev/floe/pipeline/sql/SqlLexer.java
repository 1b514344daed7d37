package dev.floe.pipeline.sql;

import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits pipeline SQL into tokens, skipping whitespace and comments ({@code --} to the end of the
 * line, {@code /* *}{@code /} nested as in PostgreSQL). It knows enough of the lexical grammar that a
 * {@code ;} or a {@code ?} inside a string, a quoted identifier or a comment is never taken for one:
 * single-quoted strings ({@code ''} escapes a quote; {@code E'…'} also takes backslash escapes),
 * dollar-quoted strings ({@code $$…$$}, {@code $tag$…$tag$}) and double-quoted identifiers.
 */
final class SqlLexer {
    private static final String OPERATOR_CHARS = "+-*/<>=~!@#%^&|`";

    private final SourceText source;
    private final String text;
    private int position;

    private SqlLexer(SourceText source) {
        this.source = source;
        this.text = source.text();
    }

    static List<SqlToken> tokenize(SourceText source) {
        return new SqlLexer(source).tokens();
    }

    private List<SqlToken> tokens() {
        List<SqlToken> tokens = new ArrayList<>();
        while (true) {
            skipWhitespaceAndComments();
            if (position >= text.length()) {
                return tokens;
            }
            tokens.add(next());
        }
    }

    private SqlToken next() {
        int start = position;
        char c = text.charAt(position);
        if ((c == 'e' || c == 'E') && peek(1) == '\'') {
            position++;
            return quoted(start, '\'', SqlToken.Kind.STRING, true);
        }
        if (c == '\'') {
            return quoted(start, '\'', SqlToken.Kind.STRING, false);
        }
        if (c == '"') {
            return quoted(start, '"', SqlToken.Kind.QUOTED_IDENTIFIER, false);
        }
        if (c == '$' && dollarTagEnd(position) > 0) {
            return dollarQuoted(start);
        }
        if (Character.isLetter(c) || c == '_') {
            while (position < text.length() && isWordPart(text.charAt(position))) {
                position++;
            }
            return token(SqlToken.Kind.WORD, start);
        }
        if (Character.isDigit(c) || (c == '.' && Character.isDigit(peek(1)))) {
            return number(start);
        }
        if (c == '?') {
            position++;
            return token(SqlToken.Kind.QUESTION_MARK, start);
        }
        if (c == ':' && peek(1) == ':') {
            position += 2;
            return token(SqlToken.Kind.OPERATOR, start);
        }
        if (OPERATOR_CHARS.indexOf(c) >= 0) {
            while (position < text.length() && OPERATOR_CHARS.indexOf(text.charAt(position)) >= 0
                    && !startsComment(position)) {
                position++;
            }
            return token(SqlToken.Kind.OPERATOR, start);
        }
        position++;
        return token(SqlToken.Kind.PUNCTUATION, start);
    }

    private SqlToken quoted(int start, char quote, SqlToken.Kind kind, boolean backslashEscapes) {
        position++;
        while (position < text.length()) {
            char c = text.charAt(position);
            if (backslashEscapes && c == '\\') {
                position += 2;
            } else if (c == quote && peek(1) == quote) {
                position += 2;
            } else if (c == quote) {
                position++;
                return token(kind, start);
            } else {
                position++;
            }
        }
        throw unterminated(start, kind == SqlToken.Kind.STRING ? "string" : "quoted identifier");
    }

    private SqlToken dollarQuoted(int start) {
        int tagEnd = dollarTagEnd(start);
        String tag = text.substring(start, tagEnd + 1);
        int close = text.indexOf(tag, tagEnd + 1);
        if (close < 0) {
            throw unterminated(start, "dollar-quoted string");
        }
        position = close + tag.length();
        return token(SqlToken.Kind.STRING, start);
    }

    /** The offset of the closing {@code $} of a dollar-quote tag starting at {@code at}, or -1. */
    private int dollarTagEnd(int at) {
        int i = at + 1;
        while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
            i++;
        }
        return i < text.length() && text.charAt(i) == '$' ? i : -1;
    }

    private SqlToken number(int start) {
        while (position < text.length() && (Character.isLetterOrDigit(text.charAt(position))
                || text.charAt(position) == '.' || text.charAt(position) == '_'
                || ((text.charAt(position) == '+' || text.charAt(position) == '-')
                        && (text.charAt(position - 1) == 'e' || text.charAt(position - 1) == 'E')))) {
            position++;
        }
        return token(SqlToken.Kind.NUMBER, start);
    }

    private void skipWhitespaceAndComments() {
        while (position < text.length()) {
            char c = text.charAt(position);
            if (Character.isWhitespace(c)) {
                position++;
            } else if (c == '-' && peek(1) == '-') {
                int newline = text.indexOf('\n', position);
                position = newline < 0 ? text.length() : newline + 1;
            } else if (c == '/' && peek(1) == '*') {
                skipBlockComment();
            } else {
                return;
            }
        }
    }

    private void skipBlockComment() {
        int start = position;
        int depth = 0;
        while (position < text.length()) {
            if (text.startsWith("/*", position)) {
                depth++;
                position += 2;
            } else if (text.startsWith("*/", position)) {
                depth--;
                position += 2;
                if (depth == 0) {
                    return;
                }
            } else {
                position++;
            }
        }
        throw unterminated(start, "comment");
    }

    private boolean startsComment(int at) {
        return text.startsWith("--", at) || text.startsWith("/*", at);
    }

    private char peek(int ahead) {
        int at = position + ahead;
        return at < text.length() ? text.charAt(at) : '\0';
    }

    private static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private SqlToken token(SqlToken.Kind kind, int start) {
        return new SqlToken(kind, text.substring(start, position), start);
    }

    private FloeException unterminated(int start, String what) {
        return new FloeException(ErrorCode.INVALID_REQUEST, source.describe(start) + ": unterminated " + what);
    }
}
