package dev.floe.sink;

import dev.floe.sink.file.FilePlan;
import dev.floe.sink.file.PlannedFile;
import dev.floe.sink.file.WrittenFile;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;

/**
 * Where a sink's rolls go, in the steps of the runner's commit protocol: plan the files (their keys
 * are recorded before anything is written), write them, then publish the roll where readers look.
 *
 * <p>Files of an {@code r2} sink are where readers look as soon as they are written, so publishing
 * is nothing and a roll interrupted before its commit record is always undone. An Iceberg table's
 * readers see only what a snapshot lists: publishing is the append, and a roll interrupted after it
 * is found again in the table and kept.
 */
public interface RollTarget {

    /**
     * The files a roll of {@code table}'s rows will write; {@code table} holds the pipeline's output
     * columns, then {@code __offset} and {@code __ingest_ts}.
     */
    FilePlan plan(Connection connection, String table, long firstSerial, Instant rollTime);

    /** Writes one planned file; writing it again replaces it. */
    WrittenFile write(Connection connection, String table, PlannedFile file);

    /** Makes a roll's written files visible to readers, all at once, noting the range they cover. */
    void publish(RollRange roll, List<WrittenFile> files);

    /** Whether {@code roll} was published, for a roll whose commit record was not written. */
    boolean published(RollRange roll);

    /** Deletes a planned file, written or not. */
    void delete(String key);
}
