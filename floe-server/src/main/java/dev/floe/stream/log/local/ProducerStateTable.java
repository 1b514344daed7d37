package dev.floe.stream.log.local;

import java.util.HashMap;
import java.util.Map;

/**
 * The highest sequence number written by each idempotent producer, which makes a retried batch
 * recognisable: its records up to that number are duplicates. Sequences may have gaps, so only the
 * highest one matters, and merging states is taking the maximum: replaying a batch twice, or one
 * older than a snapshot, changes nothing.
 *
 * <p>Used by one thread at a time: recovery builds it, then only the writer touches it, which is
 * what makes checking and appending one atomic step.
 */
final class ProducerStateTable {
    private final Map<String, Long> lastSequences = new HashMap<>();

    /** How many leading records of a batch starting at {@code firstSequence} were already written. */
    int duplicatesIn(String producerId, long firstSequence, int recordCount) {
        Long last = lastSequences.get(producerId);
        if (last == null || last < firstSequence) {
            return 0;
        }
        return (int) Math.min(recordCount, last - firstSequence + 1);
    }

    /** Notes that the producer wrote every sequence up to {@code lastSequence}. */
    void recordWritten(String producerId, long lastSequence) {
        lastSequences.merge(producerId, lastSequence, Math::max);
    }

    void recordAll(Map<String, Long> state) {
        state.forEach(this::recordWritten);
    }

    /** A copy of the state, to save. */
    Map<String, Long> snapshot() {
        return Map.copyOf(lastSequences);
    }

    int size() {
        return lastSequences.size();
    }
}
