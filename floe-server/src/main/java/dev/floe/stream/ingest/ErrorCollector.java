package dev.floe.stream.ingest;

import dev.floe.error.InvalidRecordsException;
import dev.floe.error.RecordError;
import java.util.ArrayList;
import java.util.List;

/**
 * The errors found in one request body: the first few kept to report, all of them counted, and the
 * number of distinct invalid records.
 */
final class ErrorCollector {
    private final int maxReported;
    private final List<RecordError> reported = new ArrayList<>();
    private int total;
    private int invalidRecords;
    private int lastInvalidIndex = -1;

    ErrorCollector(int maxReported) {
        this.maxReported = maxReported;
    }

    /** Adds an error; errors arrive in record order, so a new index means a new invalid record. */
    void add(RecordError error) {
        total++;
        if (error.index() != lastInvalidIndex) {
            invalidRecords++;
            lastInvalidIndex = error.index();
        }
        if (reported.size() < maxReported) {
            reported.add(error);
        }
    }

    boolean isEmpty() {
        return total == 0;
    }

    /** The refusal of a well-formed body some of whose records are invalid. */
    InvalidRecordsException invalidRecords(int recordCount) {
        return invalidRecords("", recordCount);
    }

    /** The same, its message beginning with {@code where} (which part of the request the records are in). */
    InvalidRecordsException invalidRecords(String where, int recordCount) {
        String summary = where + invalidRecords + " of " + recordCount + (recordCount == 1 ? " record " : " records ")
                + (invalidRecords == 1 ? "is" : "are") + " invalid; nothing was written";
        return new InvalidRecordsException(summary, reported, total);
    }

    /**
     * The refusal of a body that could not be read to its end. The reason is always listed, after the
     * errors found in the records before it.
     */
    InvalidRecordsException malformedBody(int recordIndex, String reason) {
        if (reported.size() == maxReported) {
            reported.removeLast();
        }
        add(new RecordError(recordIndex, "", RecordError.PARSE_FAILURE, reason));
        return new InvalidRecordsException("request body is " + reason + "; nothing was written", reported, total);
    }
}
