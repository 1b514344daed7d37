package dev.floe.testing;

import dev.floe.pipeline.run.CommitHooks;
import dev.floe.pipeline.run.CommitStep;
import dev.floe.server.FloeServer;
import dev.floe.server.ServerConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A floe server that halts its JVM, with no shutdown hook and no flush, when rolls have reached a
 * chosen step a chosen number of times: a crash at an exact point of the commit protocol.
 *
 * <p>Arguments: {@code <step> <occurrence> --flag value …} with the flags of {@code floe server}.
 */
public final class CrashingServerMain {
    /** The exit code of a halt at the chosen step, so that tests can tell it from any other exit. */
    public static final int CRASH_EXIT_CODE = 70;

    private CrashingServerMain() {
    }

    public static void main(String[] args) throws Exception {
        CommitStep step = CommitStep.valueOf(args[0]);
        int occurrence = Integer.parseInt(args[1]);
        Map<String, String> flags = new HashMap<>();
        for (int i = 2; i + 1 < args.length; i += 2) {
            flags.put(args[i].substring(2), args[i + 1]);
        }
        AtomicInteger reached = new AtomicInteger();
        CommitHooks crash = (at, pipeline, sink) -> {
            if (at == step && reached.incrementAndGet() == occurrence) {
                System.out.println("crashing at " + step + " of pipeline " + pipeline + ", sink " + sink);
                System.out.flush();
                Runtime.getRuntime().halt(CRASH_EXIT_CODE);
            }
        };
        FloeServer server = FloeServer.start(ServerConfig.resolve(flags, Map.of(), null), crash);
        System.out.println("floe is running at " + server.baseUrl());
        new CountDownLatch(1).await();
    }
}
