package dev.floe.objects;

import java.util.Objects;

/**
 * The identity of one object: its namespace and a name. Its local id, {@code <type>/<name>} (such as
 * {@code Startup/acme}), is how the object names itself in the records it emits; its global id puts the
 * namespace URL in front ({@code https://startups.studio/Startup/acme}).
 *
 * <p>Get one from {@link Namespace#idFromName(String)}, {@link Namespace#newUniqueId()} or
 * {@link Namespace#idFromString(String)}; pass it to {@link ObjectRuntime#get(ObjectId)}.
 *
 * @param <T> the class of the object
 */
public final class ObjectId<T extends DurableObject> {
    private final Namespace<T> namespace;
    private final String name;

    ObjectId(Namespace<T> namespace, String name) {
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.name = Objects.requireNonNull(name, "name");
    }

    public Namespace<T> namespace() {
        return namespace;
    }

    /** The name the id was made from: {@code acme}, or the hex string of a unique id. */
    public String name() {
        return name;
    }

    /** {@code <type>/<name>}, e.g. {@code Startup/acme}. */
    public String local() {
        return namespace.type() + "/" + name;
    }

    /** {@code <namespace URL>/<type>/<name>}, e.g. {@code https://startups.studio/Startup/acme}. */
    public String global() {
        return namespace.url() + "/" + local();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ObjectId<?> id && id.namespace.url().equals(namespace.url())
                && id.namespace.type().equals(namespace.type()) && id.name.equals(name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(namespace.url(), namespace.type(), name);
    }

    /** The local id. */
    @Override
    public String toString() {
        return local();
    }
}
