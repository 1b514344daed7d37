package dev.floe.cli.output;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code --page} and {@code --per-page} options of a list command that pages as Cloudflare's lists do. */
public final class PageOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--page", paramLabel = "<n>", defaultValue = "1",
            description = "Page to show, from 1 (default: ${DEFAULT-VALUE}).")
    private int page;

    @Option(names = "--per-page", paramLabel = "<n>", defaultValue = "20",
            description = "How many to show on a page (default: ${DEFAULT-VALUE}).")
    private int perPage;

    public int page() {
        check();
        return page;
    }

    public int perPage() {
        check();
        return perPage;
    }

    private void check() {
        if (page < 1 || perPage < 1) {
            throw new ParameterException(spec.commandLine(), "--page and --per-page must be at least 1");
        }
    }
}
