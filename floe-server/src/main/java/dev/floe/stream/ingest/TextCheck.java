package dev.floe.stream.ingest;

/** The verdict on a value given as text: a number, or a string holding a number or a timestamp. */
enum TextCheck {
    VALID,
    /** Not in the expected syntax at all. */
    MALFORMED,
    /** Well-formed, but a value the type cannot hold. */
    OUT_OF_RANGE
}
