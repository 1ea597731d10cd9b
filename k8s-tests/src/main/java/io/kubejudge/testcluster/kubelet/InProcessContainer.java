package io.kubejudge.testcluster.kubelet;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;

/** A container whose program is an {@link InProcessProgram}, on a thread of the kubelet; output to the container log. */
final class InProcessContainer implements ContainerRun {

    private final CompletableFuture<Integer> exit;

    private InProcessContainer(CompletableFuture<Integer> exit) {
        this.exit = exit;
    }

    static InProcessContainer start(InProcessProgram program, List<String> args, Path log, ExecutorService threads) {
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> {
            try (PrintStream out = new PrintStream(new FileOutputStream(log.toFile(), true), true, StandardCharsets.UTF_8)) {
                return program.run(args, out, out);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (RuntimeException e) {
                // What an uncaught exception does to a JVM: a stack trace and exit code 1.
                try (PrintStream out = new PrintStream(new FileOutputStream(log.toFile(), true), true, StandardCharsets.UTF_8)) {
                    e.printStackTrace(out);
                } catch (IOException ignored) {
                    // the log is best effort
                }
                return 1;
            }
        }, threads);
        return new InProcessContainer(exit);
    }

    @Override
    public int waitFor() throws InterruptedException {
        try {
            return exit.get();
        } catch (ExecutionException e) {
            return 1;
        }
    }

    /** A thread cannot be killed: the pod's status says killed, the program runs to its end unobserved. */
    @Override
    public void kill() {
        exit.complete(137);
    }
}
