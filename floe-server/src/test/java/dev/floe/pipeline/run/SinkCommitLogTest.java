package dev.floe.pipeline.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SinkCommitLogTest {
    @TempDir
    Path directory;

    @Test
    void aSinkThatNeverRolledStartsFromTheInitialState() {
        assertThat(new SinkCommitLog(directory.resolve("none.json")).read()).isEqualTo(SinkCommitState.INITIAL);
    }

    @Test
    void everyStepOfARollReadsBackAsWritten() {
        SinkCommitLog log = new SinkCommitLog(directory.resolve("sinks").resolve("s.json"));
        SinkCommitState committed = new SinkCommitState(120, 3, 2, null);
        log.write(committed);
        assertThat(log.read()).isEqualTo(committed);
        SinkCommitState announced = committed.announce(committed.nextIntent(300, 5, List.of("x/a.parquet", "y/b.parquet")));
        log.write(announced);
        assertThat(log.read()).isEqualTo(announced);
    }

    @Test
    void aDamagedRecordIsReportedWithWhatToDo() throws Exception {
        Path file = directory.resolve("s.json");
        Files.writeString(file, "{\"committed_end\": 5}");
        assertThatThrownBy(() -> new SinkCommitLog(file).read()).isInstanceOf(FloeException.class)
                .hasMessageContaining("is damaged ('next_serial' is missing)")
                .hasMessageContaining("delete the pipeline and create it again")
                .extracting(e -> ((FloeException) e).code()).isEqualTo(ErrorCode.INTERNAL);
    }
}
