package dev.floe.pipeline.sql;

import java.util.List;

/**
 * What running a statement over a batch did.
 *
 * @param rows        rows written to the output table
 * @param deadLetters the events that failed, in offset order
 */
public record StatementResult(long rows, List<DeadLetter> deadLetters) {

    public StatementResult {
        deadLetters = List.copyOf(deadLetters);
    }
}
