package dev.floe.testing;

import dev.floe.pipeline.run.CommitStep;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A floe server in a process of its own, started through the CLI as a user would, so that tests can
 * kill it with SIGKILL or stop it with SIGTERM.
 */
public final class ServerProcess implements AutoCloseable {
    private static final Pattern RUNNING_AT = Pattern.compile("floe is running at (http://\\S+)");

    private final Process process;
    private final String baseUrl;
    private final StringBuffer output;
    private final Thread outputPump;

    private ServerProcess(Process process, String baseUrl, StringBuffer output, Thread outputPump) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.output = output;
        this.outputPump = outputPump;
    }

    /** Starts {@code floe server} on a free port and waits until it says where it is running. */
    public static ServerProcess start(Path dataDir, String... extraArguments) {
        return startOnPort(dataDir, 0, extraArguments);
    }

    /**
     * Starts {@code floe server} on {@code port}, so that clients made for an earlier server on that
     * port reach this one, and waits until it says where it is running.
     */
    public static ServerProcess startOnPort(Path dataDir, int port, String... extraArguments) {
        List<String> arguments = new ArrayList<>(List.of("dev.floe.cli.Main", "server"));
        arguments.addAll(serverFlags(dataDir, port));
        arguments.addAll(List.of(extraArguments));
        return launch(arguments);
    }

    /**
     * Starts a server that halts, as abruptly as SIGKILL, when rolls have reached {@code step}
     * {@code occurrence} times (see {@link CrashingServerMain}).
     */
    public static ServerProcess startCrashingAt(Path dataDir, CommitStep step, int occurrence) {
        List<String> arguments = new ArrayList<>(List.of(CrashingServerMain.class.getName(), step.name(),
                String.valueOf(occurrence)));
        arguments.addAll(serverFlags(dataDir, 0));
        return launch(arguments);
    }

    private static List<String> serverFlags(Path dataDir, int port) {
        return List.of("--port", Integer.toString(port), "--data-dir", dataDir.toString(), "--account-id", RunningServer.ACCOUNT);
    }

    private static ServerProcess launch(List<String> mainClassAndArguments) {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx512m",
                // The test class path holds logback-test.xml; the server logs as it does for users.
                "-Dlogback.configurationFile=logback.xml",
                "-cp", System.getProperty("java.class.path")));
        command.addAll(mainClassAndArguments);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            StringBuffer output = new StringBuffer();
            CompletableFuture<String> url = new CompletableFuture<>();
            Thread pump = Thread.ofPlatform().daemon(true).name("server-output")
                    .start(() -> pump(process, output, url));
            try {
                return new ServerProcess(process, url.get(60, TimeUnit.SECONDS), output, pump);
            } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
                process.destroyForcibly();
                throw new IllegalStateException("the server did not start; it printed:\n" + output, e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void pump(Process process, StringBuffer output, CompletableFuture<String> url) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                output.append(line).append('\n');
                Matcher matcher = RUNNING_AT.matcher(line);
                if (matcher.find()) {
                    url.complete(matcher.group(1));
                }
            }
        } catch (IOException e) {
            // The process ended; what it printed so far is kept.
        }
        url.completeExceptionally(new IllegalStateException("the server's output ended before it said where it runs"));
    }

    static String javaBinary() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString());
    }

    public String baseUrl() {
        return baseUrl;
    }

    public String pipelinesUrl(String path) {
        return baseUrl + "/client/v4/accounts/" + RunningServer.ACCOUNT + "/pipelines/v1/" + path;
    }

    public Process process() {
        return process;
    }

    /** Everything the process printed so far, standard output and error interleaved. */
    public String output() {
        return output.toString();
    }

    /** SIGKILL: the process gets no chance to flush or clean up anything. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        outputPump.join(Duration.ofSeconds(10));
    }

    /** SIGTERM, then waits for the process to exit; returns its exit code. */
    public int terminate() throws InterruptedException {
        // Through the handle: Process.destroy() would also close our end of the output pipe, and
        // what the server prints while stopping would be lost.
        process.toHandle().destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the server did not stop within 30 s of SIGTERM");
        }
        outputPump.join(Duration.ofSeconds(10));
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
