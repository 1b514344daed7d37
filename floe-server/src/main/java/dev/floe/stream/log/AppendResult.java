package dev.floe.stream.log;

/**
 * What an append did.
 *
 * @param firstOffset the offset of the first newly appended record, or the log's end offset when
 *                    nothing new was appended
 * @param appended    how many records were appended
 * @param duplicates  how many records were acknowledged without being appended, because their
 *                    producer sequence was already in the log
 */
public record AppendResult(long firstOffset, int appended, int duplicates) {
}
