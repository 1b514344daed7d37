package dev.floe.engine;

/** Quoting of names and values spliced into DuckDB SQL text. */
public final class SqlLiterals {
    private SqlLiterals() {}

    /** A double-quoted identifier: any name, whatever its characters or case, as DuckDB should see it. */
    public static String identifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** A single-quoted string literal. */
    public static String string(String value) {
        return '\'' + value.replace("'", "''") + '\'';
    }
}
