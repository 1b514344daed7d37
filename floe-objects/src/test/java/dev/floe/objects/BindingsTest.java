package dev.floe.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.error.FloeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bindings declared as wrangler declares pipeline bindings. */
class BindingsTest {
    @TempDir
    Path dir;

    @Test
    void aWranglerStyleFileDeclaresEachBindingsStream() throws Exception {
        Path file = Files.writeString(dir.resolve("wrangler.toml"), """
                name = "startups-studio"

                [[pipelines]]
                binding = "EVENTS"
                pipeline = "do_events_stream"

                [[pipelines]]
                name = "do_things_stream"
                binding = "THINGS"
                """);

        Bindings bindings = Bindings.fromToml(file);

        assertThat(bindings.stream("EVENTS")).contains("do_events_stream");
        assertThat(bindings.stream("THINGS")).contains("do_things_stream");
        assertThat(bindings.has("ACTIONS")).isFalse();
        assertThat(Bindings.parseToml("name = \"x\"").names()).isEmpty();
    }

    @Test
    void aBrokenDeclarationIsRefusedWithWhatToWrite() {
        assertThatThrownBy(() -> Bindings.parseToml("[[pipelines]]\nbinding = \"EVENTS\"\n"))
                .isInstanceOf(FloeException.class).hasMessageContaining("entry 1 needs binding = \"NAME\" and pipeline");
        assertThatThrownBy(() -> Bindings.parseToml("[[pipelines]]\nbinding = \"E\"\npipeline = \"a\"\n"
                + "[[pipelines]]\nbinding = \"E\"\npipeline = \"b\"\n")).hasMessageContaining("declared twice");
        assertThatThrownBy(() -> Bindings.of(Map.of("EVENTS", "not a stream"))).isInstanceOf(FloeException.class)
                .hasMessageContaining("letters, digits and underscores");
        assertThatThrownBy(() -> Bindings.parseToml("[[pipelines")).hasMessageContaining("not valid TOML");
    }
}
