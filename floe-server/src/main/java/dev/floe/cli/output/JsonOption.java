package dev.floe.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/** The {@code --json} option of commands that can print the API's result instead of text for people. */
public final class JsonOption {
    private static final ObjectWriter PRETTY = new ObjectMapper().writerWithDefaultPrettyPrinter();

    @Option(names = "--json", description = "Print the API's JSON result, pretty-printed, instead of text.")
    private boolean requested;

    public boolean requested() {
        return requested;
    }

    /** Prints {@code raw}, the API's result, when {@code --json} was given; otherwise what {@code forPeople} prints. */
    public void print(PrintWriter out, JsonNode raw, Consumer<PrintWriter> forPeople) {
        if (requested) {
            print(out, raw);
        } else {
            forPeople.accept(out);
        }
    }

    /** The API's objects of a list, as one JSON array. */
    public static <T> ArrayNode array(List<T> items, Function<T, JsonNode> raw) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        items.forEach(item -> array.add(raw.apply(item)));
        return array;
    }

    public static void print(PrintWriter out, JsonNode json) {
        try {
            out.println(PRETTY.writeValueAsString(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }
}
