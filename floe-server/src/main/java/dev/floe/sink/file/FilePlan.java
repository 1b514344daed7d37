package dev.floe.sink.file;

import java.util.List;

/**
 * The files of one roll of a sink, in partition order.
 *
 * @param files      one per partition present in the rows; empty when there are no rows
 * @param nextSerial the first serial of the next roll: each file consumes one, whatever the naming
 *                   strategy, so the counter means "files planned so far"
 */
public record FilePlan(List<PlannedFile> files, long nextSerial) {
    public FilePlan {
        files = List.copyOf(files);
    }
}
