package dev.floe.pipeline.run;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One pipeline's metrics: what it read, what each sink wrote, filtered and dead-lettered, and how far
 * behind its streams it is. They go when the pipeline is deleted.
 */
final class PipelineMeters implements AutoCloseable {
    private final MeterRegistry registry;
    private final String pipeline;
    private final List<Meter> meters = new ArrayList<>();
    private final Map<String, SinkMeters> sinks = new ConcurrentHashMap<>();
    private final Counter recordsIn;
    private final AtomicLong lagRecords = new AtomicLong();
    private final AtomicLong lagMillis = new AtomicLong();

    PipelineMeters(MeterRegistry registry, String pipeline) {
        this.registry = registry;
        this.pipeline = pipeline;
        Tags tags = Tags.of("pipeline", pipeline);
        this.recordsIn = keep(Counter.builder("floe.pipeline.records.in").tags(tags)
                .description("records read from the pipeline's streams").register(registry));
        keep(Gauge.builder("floe.pipeline.lag.records", lagRecords, AtomicLong::get).tags(tags)
                .description("records in the streams not yet committed by every sink").register(registry));
        keep(Gauge.builder("floe.pipeline.lag.seconds", lagMillis, millis -> millis.get() / 1000.0).tags(tags)
                .description("age of the oldest record not yet committed by every sink").baseUnit("seconds")
                .register(registry));
    }

    /** The meters of one of the pipeline's sinks. */
    final class SinkMeters {
        final Counter recordsOut;
        final Counter filtered;
        final Counter deadLettered;
        final Counter bytes;
        final Counter files;
        final Counter rowGroups;

        private SinkMeters(String sink) {
            Tags tags = Tags.of("pipeline", pipeline, "sink", sink);
            recordsOut = counter("floe.pipeline.records.out", tags, "rows written to the sink's buffer");
            filtered = counter("floe.pipeline.records.filtered", tags, "records that gave the sink no row");
            deadLettered = counter("floe.pipeline.records.dead_lettered", tags,
                    "records that failed in the sink's statement and went to dead letters");
            bytes = counter("floe.sink.bytes.written", tags, "bytes of committed files");
            files = counter("floe.sink.files.written", tags, "committed files");
            rowGroups = counter("floe.sink.row_groups.written", tags, "row groups of committed Parquet files");
        }
    }

    SinkMeters sink(String sink) {
        return sinks.computeIfAbsent(sink, SinkMeters::new);
    }

    void recordsIn(long records) {
        recordsIn.increment(records);
    }

    void lag(long records, long millis) {
        lagRecords.set(records);
        lagMillis.set(millis);
    }

    private Counter counter(String name, Tags tags, String description) {
        return keep(Counter.builder(name).tags(tags).description(description).register(registry));
    }

    private <M extends Meter> M keep(M meter) {
        meters.add(meter);
        return meter;
    }

    @Override
    public void close() {
        meters.forEach(registry::remove);
    }
}
