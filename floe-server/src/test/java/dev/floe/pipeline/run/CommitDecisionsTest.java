package dev.floe.pipeline.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommitDecisionsTest {
    private static final SinkCommitState AFTER_TWO_ROLLS = new SinkCommitState(500, 7, 2, null);

    @Test
    void aRollIsAnnouncedThenCommittedAndMovesTheCommittedEnd() {
        SinkCommitState.Intent intent = AFTER_TWO_ROLLS.nextIntent(900, 9, List.of("a/1", "a/2"));
        assertThat(intent).isEqualTo(new SinkCommitState.Intent(3, 500, 900, 9, List.of("a/1", "a/2")));
        SinkCommitState announced = AFTER_TWO_ROLLS.announce(intent);
        assertThat(announced.committedEnd()).isEqualTo(500);
        assertThat(announced.pending()).isEqualTo(intent);
        assertThat(announced.commit()).isEqualTo(new SinkCommitState(900, 9, 3, null));
    }

    @Test
    void anIntentMustFollowTheLastCommitAndOnlyOneMayBePending() {
        assertThatThrownBy(() -> AFTER_TWO_ROLLS.announce(new SinkCommitState.Intent(3, 400, 900, 9, List.of())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AFTER_TWO_ROLLS.announce(new SinkCommitState.Intent(5, 500, 900, 9, List.of())))
                .isInstanceOf(IllegalArgumentException.class);
        SinkCommitState announced = AFTER_TWO_ROLLS.announce(AFTER_TWO_ROLLS.nextIntent(900, 9, List.of()));
        assertThatThrownBy(() -> announced.announce(announced.nextIntent(1000, 10, List.of())))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(AFTER_TWO_ROLLS::commit).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new SinkCommitState.Intent(3, 500, 499, 9, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recoveryWithNothingPendingChangesNothing() {
        CommitDecisions.Recovery recovery = CommitDecisions.recover(AFTER_TWO_ROLLS, false);
        assertThat(recovery.deleteKeys()).isEmpty();
        assertThat(recovery.unchanged()).isTrue();
        assertThat(recovery.state()).isEqualTo(AFTER_TWO_ROLLS);
    }

    @Test
    void recoveryDeletesEveryFileOfAPendingRollAndKeepsTheLastCommit() {
        SinkCommitState crashed = AFTER_TWO_ROLLS.announce(AFTER_TWO_ROLLS.nextIntent(900, 9, List.of("p/x", "p/y")));
        CommitDecisions.Recovery recovery = CommitDecisions.recover(crashed, false);
        assertThat(recovery.deleteKeys()).containsExactly("p/x", "p/y");
        assertThat(recovery.unchanged()).isFalse();
        assertThat(recovery.state()).isEqualTo(AFTER_TWO_ROLLS);
        assertThat(recovery.state().nextSerial()).as("serials of abandoned files are used again").isEqualTo(7);
    }

    @Test
    void recoveryCommitsAPendingRollThatWasPublishedAndKeepsItsFiles() {
        SinkCommitState crashed = AFTER_TWO_ROLLS.announce(AFTER_TWO_ROLLS.nextIntent(900, 9, List.of("p/x")));
        CommitDecisions.Recovery recovery = CommitDecisions.recover(crashed, true);
        assertThat(recovery.deleteKeys()).isEmpty();
        assertThat(recovery.unchanged()).isFalse();
        assertThat(recovery.state()).isEqualTo(new SinkCommitState(900, 9, 3, null));
    }

    @Test
    void theInitialStateCommittedNothing() {
        assertThat(CommitDecisions.recover(SinkCommitState.INITIAL, false).state().committedEnd()).isZero();
    }

    @Test
    void aSinkSkipsTheRecordsItAlreadyCommitted() {
        assertThat(CommitDecisions.firstOffsetFor(500, 300)).isEqualTo(500);
        assertThat(CommitDecisions.firstOffsetFor(500, 700)).isEqualTo(700);
        assertThat(CommitDecisions.firstOffsetFor(0, 0)).isZero();
    }

    @Test
    void readingResumesAtTheConsumerOffsetButNeverBeforeTheLogStart() {
        assertThat(CommitDecisions.resumeOffset(400, 0)).isEqualTo(400);
        assertThat(CommitDecisions.resumeOffset(0, 250)).isEqualTo(250);
    }

    @Test
    void theConsumerMayCommitOnlyWhatEverySinkCommitted() {
        assertThat(CommitDecisions.consumerOffset(1000, List.of())).as("all buffers empty").isEqualTo(1000);
        assertThat(CommitDecisions.consumerOffset(1000, List.of(600L, 800L))).isEqualTo(600);
        assertThat(CommitDecisions.consumerOffset(1000, List.of(1000L))).isEqualTo(1000);
    }

    @Test
    void theConsumerCommitOnlyMovesForward() {
        assertThat(CommitDecisions.consumerCommit(500, 600)).hasValue(600);
        assertThat(CommitDecisions.consumerCommit(500, 500)).isEmpty();
        assertThat(CommitDecisions.consumerCommit(500, 400)).isEmpty();
    }
}
