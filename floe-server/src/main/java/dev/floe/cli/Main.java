package dev.floe.cli;

import dev.floe.cli.buckets.CatalogCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

/**
 * The {@code floe} command. Its subcommands are listed in the {@link Command} annotation below; a new
 * top-level command is one more entry there.
 */
@Command(
        name = "floe",
        scope = ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "A self-hosted event platform that speaks Cloudflare's Pipelines and R2 APIs.",
        subcommands = {
                ServerCommand.class,
                PipelinesCommand.class,
                R2Command.class,
                SqlCommand.class,
                CatalogCommand.class,
        })
public final class Main {
    static final String FOOTER = "%nRun the whole test suite with: ./floe test%n"
            + "Run the startups.studio example, objects to lake to SQL, with: ./floe example startups-studio";

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The whole command tree, reporting failures as {@code error: …} with floe's exit codes. */
    public static CommandLine commandLine() {
        CliErrorHandler errorHandler = new CliErrorHandler();
        CommandLine commandLine = new CommandLine(new Main())
                .setExecutionExceptionHandler(errorHandler)
                .setParameterExceptionHandler(errorHandler);
        // Set here rather than in the annotation, whose attributes every subcommand inherits.
        commandLine.getCommandSpec().usageMessage().footer(FOOTER);
        return commandLine;
    }
}
