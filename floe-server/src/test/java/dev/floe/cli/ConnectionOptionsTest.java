package dev.floe.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Commands against a server that is not there: port 1 of the loopback refuses at once. */
class ConnectionOptionsTest {
    private static final String NOWHERE = "http://127.0.0.1:1";

    @Test
    void unreachableServerExitsUnavailableWithAHint() {
        CliRun run = CliRun.of("pipelines", "streams", "list", "--url", NOWHERE);

        assertThat(run.exitCode()).isEqualTo(6);
        assertThat(run.err()).isEqualTo("error: cannot reach floe at " + NOWHERE
                + ": connection refused; is the server running? start it with ./floe server\n");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void forcedDeleteGoesStraightToTheServer() {
        CliRun run = CliRun.of("pipelines", "streams", "delete", "s1", "--force", "--url", NOWHERE);

        assertThat(run.exitCode()).isEqualTo(6);
        assertThat(run.err()).startsWith("error: cannot reach floe");
    }

    @Test
    void invalidUrlIsAnInvalidRequest() {
        CliRun run = CliRun.of("pipelines", "streams", "get", "s1", "--url", "localhost:8787");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: invalid floe URL \"localhost:8787\"");
    }
}
