/**
 * Writing a sink's files: planning the files of a roll and their keys ({@link dev.floe.sink.file.SinkFiles#plan}),
 * writing each with the embedded DuckDB and uploading it to the sink's bucket
 * ({@link dev.floe.sink.file.SinkFiles#write}), and deleting files a roll planned but never committed.
 * Recording plans and commits durably is the pipeline runner's part.
 */
package dev.floe.sink.file;
