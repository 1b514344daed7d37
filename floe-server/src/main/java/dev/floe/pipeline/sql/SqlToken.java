package dev.floe.pipeline.sql;

/**
 * One token of pipeline SQL, with its place in the original text.
 *
 * @param kind  what it is
 * @param text  the token as written
 * @param start the offset of its first character
 */
record SqlToken(Kind kind, String text, int start) {

    enum Kind {
        /** A keyword or unquoted identifier. */
        WORD,
        /** A double-quoted identifier. */
        QUOTED_IDENTIFIER,
        /** A string literal in any of its forms. */
        STRING,
        NUMBER,
        /** An operator: a run of operator characters, or {@code ::}. */
        OPERATOR,
        /** {@code ?}: Cloudflare's JSON key-exists operator, which DuckDB reads as a parameter. */
        QUESTION_MARK,
        /** One of {@code ( ) [ ] { } , . ;}. */
        PUNCTUATION
    }

    int end() {
        return start + text.length();
    }

    boolean isWord(String word) {
        return kind == Kind.WORD && text.equalsIgnoreCase(word);
    }

    boolean is(String punctuation) {
        return kind == Kind.PUNCTUATION && text.equals(punctuation);
    }

    /** The name an identifier token stands for: unquoted as written, quoted without its quotes. */
    String identifier() {
        return kind == Kind.QUOTED_IDENTIFIER ? text.substring(1, text.length() - 1).replace("\"\"", "\"") : text;
    }
}
