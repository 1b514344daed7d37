package dev.floe.error;

import java.util.List;

/**
 * An ingest request was refused whole because some of its records are invalid; nothing of it was
 * written. {@link #errors()} names every bad record found (up to a limit), {@link #totalErrors()} how
 * many there were in all.
 */
public final class InvalidRecordsException extends FloeException {
    private final List<RecordError> errors;
    private final int totalErrors;

    public InvalidRecordsException(String message, List<RecordError> errors, int totalErrors) {
        super(ErrorCode.INVALID_RECORDS, message);
        this.errors = List.copyOf(errors);
        this.totalErrors = totalErrors;
    }

    public List<RecordError> errors() {
        return errors;
    }

    public int totalErrors() {
        return totalErrors;
    }
}
