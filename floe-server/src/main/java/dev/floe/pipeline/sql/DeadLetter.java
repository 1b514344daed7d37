package dev.floe.pipeline.sql;

/**
 * An event a statement could not turn into rows, and why.
 *
 * @param offset the event's offset in its stream
 * @param error  DuckDB's error for it (a cast that cannot succeed, an invalid value…)
 */
public record DeadLetter(long offset, String error) {}
