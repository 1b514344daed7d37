package dev.floe.pipeline.sql;

/**
 * A column a pipeline statement writes to its sink.
 *
 * @param name the column's name
 * @param type its DuckDB type, as DuckDB spells it ({@code VARCHAR}, {@code STRUCT(a BIGINT)}, …)
 */
public record OutputColumn(String name, String type) {}
