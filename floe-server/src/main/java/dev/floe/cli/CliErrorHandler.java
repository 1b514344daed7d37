package dev.floe.cli;

import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintWriter;

/**
 * Reports failures to a person: one {@code error: …} line on stderr, without a stack trace, and the
 * exit code of the failure's {@link ErrorCode}, so that scripts can tell failures apart.
 */
public final class CliErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {

    @Override
    public int handleExecutionException(Exception failure, CommandLine command, ParseResult parseResult) {
        ErrorCode code;
        String message;
        if (failure instanceof FloeException floeFailure) {
            code = floeFailure.code();
            message = floeFailure.getMessage();
        } else if (failure instanceof IllegalArgumentException) {
            code = ErrorCode.INVALID_REQUEST;
            message = failure.getMessage();
        } else {
            code = ErrorCode.INTERNAL;
            message = "unexpected failure: " + failure;
        }
        command.getErr().println("error: " + message);
        return code.exitCode();
    }

    @Override
    public int handleParseException(ParameterException failure, String[] args) {
        CommandLine command = failure.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("error: " + failure.getMessage());
        UnmatchedArgumentException.printSuggestions(failure, err);
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }
}
