package dev.floe.example.startups;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.testing.RunningServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./floe example startups-studio} as a user runs it: what it prints and how it exits. */
class StartupsStudioCommandTest {
    private static final Pattern TABLE_LINE = Pattern.compile("(?m)^(do_\\w+): committed=(\\d+) stored=(\\d+)$");

    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = StartupsStudioCommand.commandLine();
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        int exitCode = command.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    @Test
    void printsTheSeedQueriesAnswersAndOneMatchingLinePerTable() {
        try (RunningServer server = RunningServer.start(dir.resolve("floe"))) {
            Run run = run("--url", server.baseUrl(), "--account-id", RunningServer.ACCOUNT, "--humans", "4",
                    "--startups", "12", "--roll-interval", "1", "--objects-dir", dir.resolve("objects").toString());

            assertThat(run.exitCode()).as(run.err()).isZero();
            for (SeedQueries.Query query : SeedQueries.ALL) {
                assertThat(run.out()).contains("-- " + query.title() + "\n" + query.sql());
            }
            assertThat(run.out()).contains("verb", "count", "raised", "https://startups.studio/Human/nathan");
            Matcher lines = TABLE_LINE.matcher(run.out());
            int tables = 0;
            while (lines.find()) {
                tables++;
                assertThat(Long.parseLong(lines.group(2))).as(lines.group(1)).isPositive();
                assertThat(lines.group(3)).as(lines.group(1)).isEqualTo(lines.group(2));
            }
            assertThat(tables).isEqualTo(3);
            assertThat(dir.resolve("objects")).isNotEmptyDirectory();
        }
    }

    @Test
    void refusesObjectsOfAnEarlierRunWithoutTouchingTheServer() throws IOException {
        Path objects = Files.createDirectories(dir.resolve("objects"));
        Files.writeString(objects.resolve("left-over.db"), "x");

        Run run = run("--url", "http://127.0.0.1:1", "--objects-dir", objects.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("error: --objects-dir " + objects + " is not empty");
    }

    @Test
    void helpSaysWhatItDoesAndWhatItPrints() {
        Run run = run("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("<table>: committed=<rows the objects committed> stored=<rows the table holds>",
                "--url", "--account-id", "--api-token", "--objects-dir");
    }
}
