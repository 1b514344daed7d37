package dev.floe.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.error.FloeException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimePatternTest {
    private static final Instant TIME = Instant.parse("2024-03-07T05:09:02.500Z");

    @Test
    void theDefaultPatternMakesHiveStyleDayFolders() {
        assertThat(TimePattern.DEFAULT.format(TIME)).isEqualTo("year=2024/month=03/day=07");
    }

    @Test
    void everyDirectiveIsFilledInUtc() {
        assertThat(new TimePattern("%Y-%y/%m/%d/%H:%M:%S/%j/100%%").format(TIME))
                .isEqualTo("2024-24/03/07/05:09:02/067/100%");
        assertThat(new TimePattern("static").format(TIME)).isEqualTo("static");
        assertThat(new TimePattern("").format(TIME)).isEmpty();
    }

    @Test
    void unsupportedDirectivesAndEscapesAreRefused() {
        assertThatThrownBy(() -> new TimePattern("year=%Y/week=%U")).isInstanceOf(FloeException.class)
                .hasMessageContaining("'%U' is not supported").hasMessageContaining("%Y, %y, %m");
        assertThatThrownBy(() -> new TimePattern("day=%")).hasMessageContaining("'%' is not supported");
        assertThatThrownBy(() -> new TimePattern("../%Y")).hasMessageContaining("'..' would leave the sink's path");
        assertThatThrownBy(() -> new TimePattern("/%Y")).hasMessageContaining("relative path");
        assertThatThrownBy(() -> new TimePattern("a\\%Y")).hasMessageContaining("relative path");
    }
}
