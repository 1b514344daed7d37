package dev.floe.sink.file;

import java.util.Objects;

/**
 * One file a roll will write, decided before anything is written so that its key can be recorded
 * first and a crash leaves nothing that the record does not name.
 *
 * @param partition the time partition of its rows, the sink's time pattern formatted over their
 *                  ingest time ({@code ""} when the pattern is empty)
 * @param key       the object key in the sink's bucket
 * @param rows      how many rows of the sink's table fall in the partition
 */
public record PlannedFile(String partition, String key, long rows) {
    public PlannedFile {
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(key, "key");
    }
}
