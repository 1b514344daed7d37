package dev.floe.sink.file;

/**
 * A file that is now in the sink's bucket, with what the runner reports of it.
 *
 * @param bytes     its size in the bucket
 * @param rowGroups Parquet row groups; 1 for a JSON file
 */
public record WrittenFile(String key, long bytes, long rows, long rowGroups) {
}
