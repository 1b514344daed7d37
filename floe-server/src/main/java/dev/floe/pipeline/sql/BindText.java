package dev.floe.pipeline.sql;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A statement's query as DuckDB is given it, laid out so that DuckDB's positions map back to the
 * user's text: everything outside the query is blanked (newlines kept), so lines and columns stay
 * where they were, and the few edits DuckDB's parser needs are recorded so that offsets past them
 * can be shifted back.
 *
 * <p>The edits: Cloudflare's {@code ?} operator becomes {@code <~>} (DuckDB reads {@code ?} as a
 * parameter; {@code <~>} is the macro that stands for it), and {@code named_struct('a', x, ...)}
 * becomes {@code struct_pack("a" := x, ...)}, since a struct's field names must be known when the
 * query is bound.
 */
final class BindText {
    private record Edit(int start, int end, String replacement) {}

    private final String sql;
    private final byte[] utf8;
    /** Per edit, in order: where its replacement starts in {@link #sql}, and the original offsets it replaced. */
    private final List<int[]> edits;

    private BindText(String sql, List<int[]> edits) {
        this.sql = sql;
        this.utf8 = sql.getBytes(StandardCharsets.UTF_8);
        this.edits = edits;
    }

    static BindText of(SourceText source, InsertStatement statement) {
        String text = source.text();
        List<Edit> edits = edits(statement.queryTokens());
        StringBuilder sql = new StringBuilder(text.length() + 16 * edits.size());
        List<int[]> applied = new ArrayList<>();
        int from = 0;
        for (Edit edit : edits) {
            blankOutside(text, from, edit.start(), statement, sql);
            applied.add(new int[] {sql.length(), sql.length() + edit.replacement().length(), edit.start(), edit.end()});
            sql.append(edit.replacement());
            from = edit.end();
        }
        blankOutside(text, from, text.length(), statement, sql);
        return new BindText(sql.toString(), applied);
    }

    private static void blankOutside(String text, int from, int to, InsertStatement statement, StringBuilder out) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            boolean inQuery = i >= statement.queryStart() && i < statement.queryEnd();
            out.append(inQuery || c == '\n' ? c : ' ');
        }
    }

    private static List<Edit> edits(List<SqlToken> tokens) {
        List<Edit> edits = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            SqlToken token = tokens.get(i);
            if (token.kind() == SqlToken.Kind.QUESTION_MARK) {
                edits.add(new Edit(token.start(), token.end(), "<~>"));
            } else if (token.isWord("named_struct") && i + 1 < tokens.size() && tokens.get(i + 1).is("(")) {
                edits.add(new Edit(token.start(), token.end(), "struct_pack"));
                namedStructKeys(tokens, i + 2, edits);
            }
        }
        edits.sort(Comparator.comparingInt(Edit::start));
        return edits;
    }

    /** Each string literal in a key position ({@code 'a' ,} at argument 0, 2, 4…) becomes {@code "a" :=}. */
    private static void namedStructKeys(List<SqlToken> tokens, int firstArgument, List<Edit> edits) {
        int depth = 0;
        int argument = 0;
        boolean atArgumentStart = true;
        for (int i = firstArgument; i < tokens.size(); i++) {
            SqlToken token = tokens.get(i);
            if (depth == 0 && atArgumentStart && argument % 2 == 0 && token.kind() == SqlToken.Kind.STRING
                    && token.text().startsWith("'") && i + 1 < tokens.size() && tokens.get(i + 1).is(",")) {
                String key = token.text().substring(1, token.text().length() - 1).replace("''", "'");
                edits.add(new Edit(token.start(), tokens.get(i + 1).end(), '"' + key.replace("\"", "\"\"") + "\" :="));
            }
            atArgumentStart = false;
            if (token.is("(") || token.is("[") || token.is("{")) {
                depth++;
            } else if (token.is(")") || token.is("]") || token.is("}")) {
                if (depth-- == 0) {
                    return;
                }
            } else if (token.is(",") && depth == 0) {
                argument++;
                atArgumentStart = true;
            }
        }
    }

    String sql() {
        return sql;
    }

    /** The offset in the user's text of a character offset in {@link #sql}. */
    int originalOffset(int bindOffset) {
        int shift = 0;
        for (int[] edit : edits) {
            if (bindOffset < edit[0]) {
                break;
            }
            if (bindOffset < edit[1]) {
                return edit[2];
            }
            shift = edit[3] - edit[1];
        }
        return bindOffset + shift;
    }

    /** The offset in the user's text of a UTF-8 byte offset in {@link #sql}, as DuckDB reports them. */
    int originalOffsetOfByte(long byteOffset) {
        int bytes = (int) Math.min(Math.max(byteOffset, 0), utf8.length);
        return originalOffset(new String(utf8, 0, bytes, StandardCharsets.UTF_8).length());
    }
}
