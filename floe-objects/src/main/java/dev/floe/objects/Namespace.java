package dev.floe.objects;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A class of objects as an application registers it: the namespace URL every object of it carries as
 * {@code ns} (such as {@code https://startups.studio}), the type name (such as {@code Startup}), the
 * factory that makes an instance, the class's schema migrations, and the tables whose row changes are
 * captured as state changes.
 *
 * <pre>{@code
 * Namespace<Startup> startups = Namespace.builder("https://startups.studio", "Startup", Startup::new)
 *         .migrations("CREATE TABLE rounds (id TEXT PRIMARY KEY, amount INTEGER, raisedAt TEXT)")
 *         .capturedTables("rounds")
 *         .build();
 * }</pre>
 *
 * @param <T> the class of the objects
 */
public final class Namespace<T extends DurableObject> {
    private static final Pattern TYPE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String url;
    private final String type;
    private final Supplier<T> factory;
    private final List<String> migrations;
    private final Set<String> capturedTables;

    private Namespace(Builder<T> builder) {
        this.url = builder.url;
        this.type = builder.type;
        this.factory = builder.factory;
        this.migrations = List.copyOf(builder.migrations);
        this.capturedTables = Set.copyOf(builder.capturedTables);
    }

    /** A namespace without migrations or captured tables. */
    public static <T extends DurableObject> Namespace<T> of(String url, String type, Supplier<T> factory) {
        return builder(url, type, factory).build();
    }

    /**
     * @param url     the namespace URL, without a trailing slash
     * @param type    a letter, then letters, digits or underscores (at most 64)
     * @param factory makes a new, empty instance; the runtime gives it its context before any call
     */
    public static <T extends DurableObject> Builder<T> builder(String url, String type, Supplier<T> factory) {
        return new Builder<>(url, type, factory);
    }

    public String url() {
        return url;
    }

    public String type() {
        return type;
    }

    /** The SQL scripts that make the class's schema, in order; each is applied once per object. */
    public List<String> migrations() {
        return migrations;
    }

    /** The tables whose inserted, updated and deleted rows become state changes. */
    public Set<String> capturedTables() {
        return capturedTables;
    }

    /** The id of the object called {@code name}: the same name always gives the same object. */
    public ObjectId<T> idFromName(String name) {
        if (Objects.requireNonNull(name, "name").isEmpty()) {
            throw new IllegalArgumentException("an object name must not be empty");
        }
        return new ObjectId<>(this, name);
    }

    /** A new id that no other object has: 32 random hex digits as its name. */
    public ObjectId<T> newUniqueId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return new ObjectId<>(this, HexFormat.of().formatHex(bytes));
    }

    /** The id whose {@link ObjectId#local()} or {@link ObjectId#name()} is {@code id}. */
    public ObjectId<T> idFromString(String id) {
        String prefix = type + "/";
        return idFromName(id.startsWith(prefix) ? id.substring(prefix.length()) : id);
    }

    T newInstance() {
        return Objects.requireNonNull(factory.get(), () -> "the factory of " + type + " returned null");
    }

    @Override
    public String toString() {
        return url + "/" + type;
    }

    public static final class Builder<T extends DurableObject> {
        private final String url;
        private final String type;
        private final Supplier<T> factory;
        private final List<String> migrations = new java.util.ArrayList<>();
        private final Set<String> capturedTables = new java.util.LinkedHashSet<>();

        private Builder(String url, String type, Supplier<T> factory) {
            Objects.requireNonNull(url, "url");
            if (url.isBlank() || url.endsWith("/")) {
                throw new IllegalArgumentException("a namespace URL must not be blank or end with '/', got \"" + url + "\"");
            }
            if (!TYPE_NAME.matcher(Objects.requireNonNull(type, "type")).matches()) {
                throw new IllegalArgumentException("a type name is a letter, then up to 63 letters, digits or"
                        + " underscores, got \"" + type + "\"");
            }
            this.url = url;
            this.type = type;
            this.factory = Objects.requireNonNull(factory, "factory");
        }

        /** Appends schema migrations; their order is their version, so only ever add at the end. */
        public Builder<T> migrations(String... scripts) {
            for (String script : scripts) {
                migrations.add(Objects.requireNonNull(script, "script"));
            }
            return this;
        }

        /**
         * Tables whose row changes become state changes ({@code key} = {@code <table>/<primary key>},
         * {@code value} = the row as a JSON object), as key-value puts and deletes do.
         */
        public Builder<T> capturedTables(String... tables) {
            for (String table : tables) {
                if (!TABLE_NAME.matcher(table).matches()) {
                    throw new IllegalArgumentException("a captured table is named by a letter, then letters,"
                            + " digits or underscores, got \"" + table + "\"");
                }
                capturedTables.add(table);
            }
            return this;
        }

        public Namespace<T> build() {
            return new Namespace<>(this);
        }
    }
}
