package dev.floe.io;

import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for work handed to another thread, with its failure thrown as if it had failed here. */
public final class Futures {

    private Futures() {
    }

    /**
     * The result of {@code future}, once done.
     *
     * @param work what the work does, for messages: "reading the next batch"
     * @throws RuntimeException what the work threw, as it was; a checked exception or an interruption
     *                          as a {@link FloeException} {@code INTERNAL} that names the work
     */
    public static <T> T await(Future<T> future, String work) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new FloeException(ErrorCode.INTERNAL, work + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FloeException(ErrorCode.INTERNAL, "interrupted while " + work, e);
        }
    }
}
