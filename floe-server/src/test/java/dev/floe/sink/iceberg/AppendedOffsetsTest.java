package dev.floe.sink.iceberg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.sink.RollRange;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppendedOffsetsTest {
    private static final RollRange ROLL = new RollRange("p1", "out", 100, 200);

    @Test
    void aRollIsCoveredWhenItsPipelineAndSinkRecordedItsEndOrLater() {
        assertThat(AppendedOffsets.covers(Map.of("floe.offset-end.p1.out", "200"), ROLL)).isTrue();
        assertThat(AppendedOffsets.covers(Map.of("floe.offset-end.p1.out", "350"), ROLL)).isTrue();
    }

    @Test
    void aRollIsNotCoveredByAnEarlierEndNorByAnotherWritersEnd() {
        assertThat(AppendedOffsets.covers(Map.of(), ROLL)).isFalse();
        assertThat(AppendedOffsets.covers(Map.of("floe.offset-end.p1.out", "199"), ROLL)).isFalse();
        assertThat(AppendedOffsets.covers(Map.of("floe.offset-end.p2.out", "500",
                "floe.offset-end.p1.other", "500"), ROLL)).isFalse();
    }
}
