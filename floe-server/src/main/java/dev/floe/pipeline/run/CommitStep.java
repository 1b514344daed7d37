package dev.floe.pipeline.run;

/** The steps of a roll, in order; a crash may come between any two. */
public enum CommitStep {
    /** The intent naming the roll's files is recorded; no file is written yet. */
    INTENT_RECORDED,
    /** One of the roll's files is written (reached once per file). */
    FILE_WRITTEN,
    /** The roll is published: appended to its table (for a file sink, whose files are already visible, nothing happens). */
    PUBLISHED,
    /** The roll's commit record is written; the stream's consumer offset has not moved yet. */
    COMMIT_RECORDED,
    /** The stream's consumer offset has moved past what the roll covered. */
    CONSUMER_COMMITTED
}
