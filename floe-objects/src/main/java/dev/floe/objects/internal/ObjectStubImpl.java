package dev.floe.objects.internal;

import dev.floe.objects.DurableObject;
import dev.floe.objects.ObjectId;
import dev.floe.objects.ObjectStub;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

final class ObjectStubImpl<T extends DurableObject> implements ObjectStub<T> {
    private final ObjectHost host;
    private final ObjectId<T> id;

    ObjectStubImpl(ObjectHost host, ObjectId<T> id) {
        this.host = host;
        this.id = id;
    }

    @Override
    public ObjectId<T> id() {
        return id;
    }

    @Override
    public <R> R call(Function<? super T, ? extends R> method) {
        return host.call(id, typed(method), true);
    }

    @Override
    public void run(Consumer<? super T> method) {
        call(object -> {
            method.accept(object);
            return null;
        });
    }

    @Override
    public <R> CompletableFuture<R> callAsync(Function<? super T, ? extends R> method) {
        return host.callAsync(id, typed(method));
    }

    @Override
    public <R> R callWithoutTransaction(Function<? super T, ? extends R> method) {
        return host.call(id, typed(method), false);
    }

    /** The host makes instances from the id's namespace, whose class is T. */
    @SuppressWarnings("unchecked")
    private <R> Function<DurableObject, R> typed(Function<? super T, ? extends R> method) {
        return object -> method.apply((T) object);
    }

    @Override
    public String toString() {
        return "stub of " + id;
    }
}
