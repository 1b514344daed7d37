package dev.floe.objects;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A handle on one object, through which it is called. Calls to one object run one at a time, each in
 * a transaction: its writes (state, events, things, actions, outbox rows) commit when it returns and
 * are all undone when it throws. Calls to different objects run in parallel. Commit never waits for
 * the network: the outbox relay delivers afterwards.
 *
 * @param <T> the class of the object
 */
public interface ObjectStub<T extends DurableObject> {

    ObjectId<T> id();

    /**
     * Runs {@code method} on the object, in the calling thread, once no other call to it runs.
     *
     * @throws dev.floe.error.FloeException {@code CONFLICT} when the call would come back to an object
     *     that is waiting for this chain of calls; {@code UNAVAILABLE} when the runtime is closed;
     *     whatever {@code method} throws, after its writes were rolled back
     */
    <R> R call(Function<? super T, ? extends R> method);

    /** {@link #call} for methods without a result. */
    void run(Consumer<? super T> method);

    /** {@link #call} on a virtual thread of the runtime's. */
    <R> CompletableFuture<R> callAsync(Function<? super T, ? extends R> method);

    /**
     * Runs {@code method} without a transaction around it: each statement commits on its own (each
     * built-in write still commits together with its outbox row), and a failure undoes only what
     * {@link Storage#transactionSync} grouped.
     */
    <R> R callWithoutTransaction(Function<? super T, ? extends R> method);
}
