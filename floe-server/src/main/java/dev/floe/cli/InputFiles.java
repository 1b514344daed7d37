package dev.floe.cli;

import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Files a command reads its input from, such as a schema or SQL file. */
public final class InputFiles {
    private InputFiles() {
    }

    /**
     * The text of {@code file}.
     *
     * @param what what the file holds, for the message: "schema file", "SQL file"
     * @throws FloeException {@code INVALID_REQUEST} naming the file and why it cannot be read
     */
    public static String read(Path file, String what) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw invalid(file, what, "no such file");
        } catch (AccessDeniedException e) {
            throw invalid(file, what, "permission denied");
        } catch (IOException e) {
            throw invalid(file, what, e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
        }
    }

    /** A problem with an input file, naming it. */
    public static FloeException invalid(Path file, String what, String reason) {
        return new FloeException(ErrorCode.INVALID_REQUEST, "cannot use " + what + " " + file + ": " + reason);
    }
}
