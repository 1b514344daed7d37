/**
 * Reading ingest request bodies: {@link dev.floe.stream.ingest.IngestBodyParser} splits a body (a JSON
 * array of records, NDJSON, or one object) into zero-copy slices, one per record, and checks each
 * record against its stream's schema with a streaming parser, refusing the whole request with
 * {@link dev.floe.error.InvalidRecordsException} when any record is invalid.
 */
package dev.floe.stream.ingest;
