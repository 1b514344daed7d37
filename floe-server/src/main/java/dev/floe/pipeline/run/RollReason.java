package dev.floe.pipeline.run;

/** Why a sink closed its buffer into files. */
enum RollReason {
    INTERVAL,
    SIZE,
    INACTIVITY;

    /** As metrics and logs name it. */
    String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
