package dev.floe.stream.ingest;

/**
 * Bounds on what one ingest request body may contain, so that a hostile body costs little to refuse.
 *
 * @param maxNestingDepth   how deeply arrays and objects may nest in the body, counting the
 *                          enclosing array of a batch
 * @param maxNumberLength   the most characters a JSON number may have
 * @param maxReportedErrors the most record errors listed in a refusal (all are still counted)
 */
public record IngestLimits(int maxNestingDepth, int maxNumberLength, int maxReportedErrors) {
    public static final IngestLimits DEFAULTS = new IngestLimits(64, 1000, 100);

    public IngestLimits {
        if (maxNestingDepth < 1 || maxNumberLength < 1 || maxReportedErrors < 1) {
            throw new IllegalArgumentException("ingest limits must be positive, got depth " + maxNestingDepth
                    + ", number length " + maxNumberLength + ", reported errors " + maxReportedErrors);
        }
    }

    public IngestLimits withMaxNestingDepth(int depth) {
        return new IngestLimits(depth, maxNumberLength, maxReportedErrors);
    }

    public IngestLimits withMaxReportedErrors(int errors) {
        return new IngestLimits(maxNestingDepth, maxNumberLength, errors);
    }
}
