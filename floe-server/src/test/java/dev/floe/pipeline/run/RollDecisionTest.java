package dev.floe.pipeline.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.sink.RollingPolicy;
import org.junit.jupiter.api.Test;

class RollDecisionTest {
    private static final RollingPolicy POLICY = new RollingPolicy(60, 1_000_000, 10);

    @Test
    void anEmptyBufferNeverRolls() {
        assertThat(RollDecision.decide(POLICY, 0, 5_000_000, 0, 0, 3_600_000)).isEmpty();
    }

    @Test
    void aBufferRollsOnceItReachesTheFileSize() {
        assertThat(RollDecision.decide(POLICY, 10, 999_999, 0, 0, 1_000)).isEmpty();
        assertThat(RollDecision.decide(POLICY, 10, 1_000_000, 0, 0, 1_000)).hasValue(RollReason.SIZE);
    }

    @Test
    void aBufferRollsWhenTheIntervalSinceItsFirstRowPassed() {
        assertThat(RollDecision.decide(POLICY, 10, 1, 1_000, 59_000, 60_999)).isEmpty();
        assertThat(RollDecision.decide(POLICY, 10, 1, 1_000, 59_000, 61_000)).hasValue(RollReason.INTERVAL);
    }

    @Test
    void aBufferRollsAfterInactivity() {
        assertThat(RollDecision.decide(POLICY, 10, 1, 0, 20_000, 29_999)).isEmpty();
        assertThat(RollDecision.decide(POLICY, 10, 1, 0, 20_000, 30_000)).hasValue(RollReason.INACTIVITY);
    }

    @Test
    void zeroTurnsTheSizeAndInactivityConditionsOff() {
        RollingPolicy intervalOnly = new RollingPolicy(60, 0, 0);
        assertThat(RollDecision.decide(intervalOnly, 10, Long.MAX_VALUE, 0, 0, 59_999)).isEmpty();
        assertThat(RollDecision.decide(intervalOnly, 10, 1, 0, 0, 60_000)).hasValue(RollReason.INTERVAL);
    }

    @Test
    void aReaderStillBehindItsStreamNeverRollsForInactivity() {
        assertThat(RollDecision.decide(POLICY, 10, 1, 0, -1, 59_999)).isEmpty();
    }

    @Test
    void aReaderThatCaughtUpWithAnOldBacklogRollsAtOnce() {
        long readJustNow = 3_600_000;
        assertThat(RollDecision.decide(POLICY, 10, 1, readJustNow, 1_000, readJustNow)).hasValue(RollReason.INACTIVITY);
    }
}
