package dev.floe.testing;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a program to its end within a time limit and keeps what it printed (standard output and error
 * together, exactly as printed), optionally handing each line on as it comes.
 */
public final class Command {
    /** How long the output is read after the program ended: a child it left behind may hold the pipe. */
    private static final Duration OUTPUT_GRACE = Duration.ofSeconds(10);

    private Command() {
    }

    public static Result run(List<String> command, Map<String, String> environment, Duration timeout)
            throws IOException, InterruptedException {
        return run(command, environment, timeout, line -> {
        });
    }

    /**
     * Runs {@code command} with {@code environment} added to this process's own.
     *
     * @param eachLine called with each line of output as it is printed, without its line break
     * @throws IllegalStateException when it has not finished within {@code timeout}; it is killed then,
     *                               with every process it started
     */
    public static Result run(List<String> command, Map<String, String> environment, Duration timeout,
                             Consumer<String> eachLine) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        StringBuffer output = new StringBuffer();
        Thread reader = Thread.ofPlatform().daemon().start(() -> readLines(process, output, eachLine));
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            reader.join(OUTPUT_GRACE);
            throw new IllegalStateException(String.join(" ", command) + " did not finish in " + timeout.toSeconds()
                    + " s; its output:\n" + output);
        }
        reader.join(OUTPUT_GRACE);
        return new Result(process.exitValue(), output.toString());
    }

    private static void readLines(Process process, StringBuffer output, Consumer<String> eachLine) {
        StringBuilder line = new StringBuilder();
        char[] chunk = new char[8192];
        try (Reader in = process.inputReader(StandardCharsets.UTF_8)) {
            for (int read; (read = in.read(chunk)) >= 0; ) {
                output.append(chunk, 0, read);
                for (int i = 0; i < read; i++) {
                    if (chunk[i] == '\n') {
                        eachLine.accept(line.toString());
                        line.setLength(0);
                    } else {
                        line.append(chunk[i]);
                    }
                }
            }
            if (!line.isEmpty()) {
                eachLine.accept(line.toString());
            }
        } catch (IOException e) {
            output.append("(output lost: ").append(e).append(')');
        }
    }

    /** A finished command: its exit code and everything it printed. */
    public record Result(int exitCode, String output) {
        /** The last line it printed, or an empty string. */
        public String lastLine() {
            String[] lines = output.strip().split("\n");
            return lines[lines.length - 1].strip();
        }
    }
}
