package dev.floe.objects;

import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The base class of objects. A subclass holds the behaviour (its public methods, called through an
 * {@link ObjectStub}); its state lives in {@link #ctx()}{@code .storage()}. The runtime keeps one
 * instance per id at a time, runs the calls to it one after another, and may drop an idle instance
 * and make a new one later: fields are a cache of the storage, never the only copy of anything.
 */
public abstract class DurableObject {
    private ObjectContext context;

    final void attach(ObjectContext context) {
        if (this.context != null) {
            throw new IllegalStateException("object " + context.id() + " is already attached");
        }
        this.context = Objects.requireNonNull(context, "context");
    }

    /** Called once per instance, in its first call's turn and transaction, before the call itself. */
    protected void onStart() {
    }

    /**
     * Called when the alarm set with {@link Storage#setAlarm} is due, in a transaction of its own. The
     * alarm is cleared when this returns (unless it set a new one); when it throws, everything it wrote
     * is undone and the alarm is tried again after a growing pause.
     */
    public void alarm(AlarmInfo info) {
        throw new FloeException(ErrorCode.INTERNAL, type() + " set an alarm but does not handle it: override"
                + " alarm(AlarmInfo) in " + getClass().getName());
    }

    protected final ObjectContext ctx() {
        if (context == null) {
            throw new IllegalStateException("an object has no context in its constructor: use onStart()");
        }
        return context;
    }

    protected final Env env() {
        return ctx().env();
    }

    public final ObjectId<?> id() {
        return ctx().id();
    }

    /** The namespace URL, such as {@code https://startups.studio}. */
    public final String ns() {
        return id().namespace().url();
    }

    /** The type name, such as {@code Startup}. */
    public final String type() {
        return id().namespace().type();
    }

    /** See {@link ObjectContext#emitEvent(String, Object)}. */
    protected final void emitEvent(String verb, Object data) {
        ctx().emitEvent(verb, data);
    }

    /** Writes the next version of this object's own thing (id = its local id, type = its type). */
    protected final Thing putThing(Object data) {
        return ctx().putThing(id().local(), type(), data);
    }

    /** The newest version of this object's own thing. */
    protected final Optional<Thing> thing() {
        return ctx().thing(id().local());
    }

    /** See {@link ObjectContext#act}. */
    protected final <R> R act(String actor, String verb, String target, Object input, Supplier<R> work) {
        return ctx().act(actor, verb, target, input, work);
    }
}
