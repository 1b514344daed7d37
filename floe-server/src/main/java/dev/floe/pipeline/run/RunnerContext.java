package dev.floe.pipeline.run;

import dev.floe.bucket.BucketService;
import dev.floe.catalog.CatalogService;
import dev.floe.engine.DuckDbEngine;
import dev.floe.sink.SinkService;
import dev.floe.stream.StreamService;
import java.nio.file.Path;
import java.time.Clock;

/**
 * What every pipeline runner works with.
 *
 * @param stateDirectory where each pipeline keeps its commit records and dead letters, in a folder
 *                       named by its id
 */
record RunnerContext(StreamService streams, SinkService sinks, BucketService buckets, CatalogService catalogs,
        DuckDbEngine engine,
        Path stateDirectory, CommitHooks hooks, Clock clock) {

    Path pipelineDirectory(String pipelineId) {
        return stateDirectory.resolve(pipelineId);
    }
}
