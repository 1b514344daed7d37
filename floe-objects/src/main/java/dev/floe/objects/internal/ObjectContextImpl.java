package dev.floe.objects.internal;

import dev.floe.objects.Env;
import dev.floe.objects.ObjectContext;
import dev.floe.objects.ObjectId;
import dev.floe.objects.Storage;
import dev.floe.objects.Thing;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

final class ObjectContextImpl implements ObjectContext {
    private final ObjectId<?> id;
    private final Storage storage;
    private final Env env;
    private final DataModel model;
    private final Clock clock;

    ObjectContextImpl(ObjectId<?> id, Storage storage, Env env, DataModel model, Clock clock) {
        this.id = id;
        this.storage = storage;
        this.env = env;
        this.model = model;
        this.clock = clock;
    }

    @Override
    public ObjectId<?> id() {
        return id;
    }

    @Override
    public Storage storage() {
        return storage;
    }

    @Override
    public Env env() {
        return env;
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public void emitEvent(String verb, Object data) {
        model.emitEvent(verb, data, id.local(), id.namespace().type());
    }

    @Override
    public void emitEvent(String verb, Object data, String source, String sourceType) {
        model.emitEvent(verb, data, source, sourceType);
    }

    @Override
    public Thing putThing(String thingId, String type, Object data) {
        return model.putThing(thingId, type, data);
    }

    @Override
    public Optional<Thing> thing(String thingId) {
        return model.thing(thingId);
    }

    @Override
    public <R> R act(String actor, String verb, String target, Object input, Supplier<R> work) {
        return model.act(actor, verb, target, input, work);
    }
}
