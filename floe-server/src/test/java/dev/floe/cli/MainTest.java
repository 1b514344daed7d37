package dev.floe.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {

    @Test
    void helpListsTheCommandsAndHowToRunTheTests() {
        CliRun run = CliRun.of("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("pipelines").contains("Run the whole test suite with: ./floe test");
    }

    @Test
    void streamsHelpListsEveryStreamCommand() {
        CliRun run = CliRun.of("pipelines", "streams", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("create", "list", "get", "delete");
    }

    @Test
    void everyCommandOptionAndParameterIsDescribed() {
        List<String> undescribed = new ArrayList<>();
        collectUndescribed(Main.commandLine(), undescribed);

        assertThat(undescribed).isEmpty();
    }

    private static void collectUndescribed(CommandLine commandLine, List<String> undescribed) {
        CommandSpec spec = commandLine.getCommandSpec();
        if (spec.usageMessage().description().length == 0) {
            undescribed.add(spec.qualifiedName());
        }
        for (ArgSpec arg : spec.args()) {
            if (arg.description().length == 0) {
                undescribed.add(spec.qualifiedName() + " " + arg.paramLabel());
            }
        }
        commandLine.getSubcommands().values().forEach(sub -> collectUndescribed(sub, undescribed));
    }

    @Test
    void everySubcommandHasHelp() {
        for (String[] args : List.of(
                new String[] {"pipelines", "--help"},
                new String[] {"pipelines", "streams", "create", "--help"},
                new String[] {"pipelines", "streams", "list", "--help"},
                new String[] {"pipelines", "streams", "get", "--help"},
                new String[] {"pipelines", "streams", "delete", "-h"})) {
            CliRun run = CliRun.of(args);
            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).startsWith("Usage: floe ");
        }
    }

    @Test
    void versionNamesFloeAndJava() {
        CliRun run = CliRun.of("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("floe ").contains("Java ");
    }

    @Test
    void missingSubcommandIsAUsageErrorWithAHint() {
        CliRun run = CliRun.of("pipelines");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("""
                error: Missing required subcommand
                Try 'floe pipelines --help' for more information.
                """);
    }

    @Test
    void unknownOptionIsAUsageErrorWithAHint() {
        CliRun run = CliRun.of("pipelines", "streams", "list", "--colour");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("error: Unknown option: '--colour'")
                .contains("Try 'floe pipelines streams list --help' for more information.");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void unknownCommandSuggestsTheClosestOne() {
        CliRun run = CliRun.of("pipelines", "streams", "lst");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Did you mean").contains("list");
    }
}
