package org.iobench.conformance;

import java.util.concurrent.atomic.AtomicReference;

/** A task on its own thread (a writer beside a reader) whose failure is rethrown on {@link #join}. */
final class Background {
    interface Task {
        void run() throws Exception;
    }

    private final Thread thread;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private Background(String name, Task task) {
        thread = Thread.ofPlatform().daemon().name(name).unstarted(() -> {
            try {
                task.run();
            } catch (Throwable t) {
                failure.set(t);
            }
        });
    }

    static Background start(String name, Task task) {
        Background background = new Background(name, task);
        background.thread.start();
        return background;
    }

    boolean isDone() {
        return !thread.isAlive();
    }

    /** Waits up to {@code timeoutMillis}; rethrows the task's failure; fails if it is still running. */
    void join(ServerUnderTest server, String what, long timeoutMillis) throws InterruptedException {
        thread.join(timeoutMillis);
        if (thread.isAlive()) throw server.failure(what + ": still running after " + timeoutMillis + " ms");
        Throwable t = failure.get();
        if (t instanceof AssertionError e) throw e;
        if (t != null) throw server.failure(what + ": " + t);
    }
}
