package dev.floe.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

/** The {@code --json} option of commands that can print the API's result instead of text for people. */
public final class JsonOption {
    private static final ObjectWriter PRETTY = new ObjectMapper().writerWithDefaultPrettyPrinter();

    @Option(names = "--json", description = "Print the API's JSON result, pretty-printed, instead of text.")
    private boolean requested;

    public boolean requested() {
        return requested;
    }

    public static void print(PrintWriter out, JsonNode json) {
        try {
            out.println(PRETTY.writeValueAsString(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }
}
