package dev.floe.cli;

import dev.floe.testing.RunningServer;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/** What one run of the {@code floe} command printed and returned. */
public record CliRun(int exitCode, String out, String err) {

    /** Runs a command against {@code server}, signed in with {@code token}, as a user with a running server would. */
    public static CliRun against(RunningServer server, String token, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--url", server.baseUrl(), "--account-id", RunningServer.ACCOUNT, "--api-token", token));
        return of(all.toArray(String[]::new));
    }

    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new CliRun(exitCode, out.toString(), err.toString());
    }
}
