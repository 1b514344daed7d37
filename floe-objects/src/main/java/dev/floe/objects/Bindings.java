package dev.floe.objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which stream each binding name delivers to, declared as wrangler declares pipeline bindings:
 *
 * <pre>
 * [[pipelines]]
 * binding = "EVENTS"
 * pipeline = "do_events_stream"
 * </pre>
 *
 * <p>Four names are the built-in tables' own: {@value #EVENTS} (events), {@value #THINGS} (thing
 * versions), {@value #ACTIONS} (actions) and {@value #STATE} (key-value and captured-table changes).
 * A table whose binding is not declared still gets its rows in the object's SQLite database, but no
 * outbox rows: nothing of it is delivered. Any other name is for {@link Env#binding(String)}.
 */
public final class Bindings {
    public static final String EVENTS = "EVENTS";
    public static final String THINGS = "THINGS";
    public static final String ACTIONS = "ACTIONS";
    public static final String STATE = "STATE";

    private static final Pattern STREAM_NAME = Pattern.compile("[A-Za-z0-9_]+");
    private static final Pattern BINDING_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Map<String, String> streams;

    private Bindings(Map<String, String> streams) {
        this.streams = Map.copyOf(streams);
    }

    /** No bindings: objects keep their tables and deliver nothing. */
    public static Bindings none() {
        return new Bindings(Map.of());
    }

    /** Bindings from binding name to stream name. */
    public static Bindings of(Map<String, String> bindingToStream) {
        Map<String, String> checked = new LinkedHashMap<>();
        bindingToStream.forEach((binding, stream) -> checked.put(requireBindingName(binding), requireStreamName(binding, stream)));
        return new Bindings(checked);
    }

    /**
     * The {@code [[pipelines]]} entries of a wrangler-style TOML file; other tables and keys are ignored.
     *
     * @throws FloeException {@code INVALID_REQUEST} naming the file and the entry that is wrong
     */
    public static Bindings fromToml(Path file) {
        try {
            return parseToml(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new FloeException(ErrorCode.INVALID_REQUEST, "cannot read the bindings file " + file + ": " + e.getMessage(), e);
        }
    }

    /** {@link #fromToml(Path)} of TOML text. */
    public static Bindings parseToml(String toml) {
        return parseToml(toml, "the TOML");
    }

    private static Bindings parseToml(String toml, String source) {
        JsonNode root;
        try {
            root = new TomlMapper().readTree(toml);
        } catch (IOException e) {
            throw new FloeException(ErrorCode.INVALID_REQUEST, source + " is not valid TOML: " + e.getMessage(), e);
        }
        JsonNode entries = root == null ? null : root.get("pipelines");
        if (entries == null) {
            return none();
        }
        if (!entries.isArray()) {
            throw new FloeException(ErrorCode.INVALID_REQUEST, source + ": pipelines must be an array of tables,"
                    + " written [[pipelines]]");
        }
        Map<String, String> streams = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            String binding = entry.path("binding").asText(null);
            // wrangler calls the stream "pipeline"; older configurations call it "name".
            String stream = entry.has("pipeline") ? entry.path("pipeline").asText(null) : entry.path("name").asText(null);
            if (binding == null || stream == null) {
                throw new FloeException(ErrorCode.INVALID_REQUEST, source + ": [[pipelines]] entry " + (i + 1)
                        + " needs binding = \"NAME\" and pipeline = \"stream_name\"");
            }
            if (streams.put(requireBindingName(binding), requireStreamName(binding, stream)) != null) {
                throw new FloeException(ErrorCode.INVALID_REQUEST, source + ": binding " + binding + " is declared twice");
            }
        }
        return new Bindings(streams);
    }

    /** The stream {@code binding} delivers to, if it is declared. */
    public Optional<String> stream(String binding) {
        return Optional.ofNullable(streams.get(binding));
    }

    public boolean has(String binding) {
        return streams.containsKey(binding);
    }

    public Set<String> names() {
        return streams.keySet();
    }

    private static String requireBindingName(String binding) {
        if (!BINDING_NAME.matcher(Objects.requireNonNull(binding, "binding")).matches()) {
            throw new FloeException(ErrorCode.INVALID_REQUEST, "invalid binding name \"" + binding
                    + "\": use letters, digits and underscores, starting with a letter");
        }
        return binding;
    }

    private static String requireStreamName(String binding, String stream) {
        if (stream == null || !STREAM_NAME.matcher(stream).matches()) {
            throw new FloeException(ErrorCode.INVALID_REQUEST, "binding " + binding + " names the stream \"" + stream
                    + "\": a stream name has letters, digits and underscores only");
        }
        return stream;
    }

    @Override
    public String toString() {
        return streams.toString();
    }
}
