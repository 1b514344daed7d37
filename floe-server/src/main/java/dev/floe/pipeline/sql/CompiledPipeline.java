package dev.floe.pipeline.sql;

import java.util.List;

/** A pipeline's SQL, checked and translated: its statements in the order written. */
public record CompiledPipeline(List<CompiledStatement> statements) {

    public CompiledPipeline {
        statements = List.copyOf(statements);
    }
}
