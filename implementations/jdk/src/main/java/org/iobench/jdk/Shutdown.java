package org.iobench.jdk;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** The small pieces every server's close() is made of: close without throwing, join before a deadline. */
final class Shutdown {
    /** How long close() waits, in total, for the threads a server started. */
    static final long CLOSE_TIMEOUT_MILLIS = 5_000;

    private Shutdown() {
    }

    static long deadlineNanos() {
        return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_TIMEOUT_MILLIS);
    }

    /** Closing is best effort: a connection the peer already reset may fail to close, which changes nothing. */
    static void closeQuietly(Closeable closeable) {
        if (closeable == null) return;
        try {
            closeable.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }

    /**
     * Waits for each thread until the deadline; an interrupted caller stops waiting but keeps its flag.
     * Threads still alive afterwards are reported in one line, not one line each (there may be 10,000).
     */
    static void joinAll(String serverId, Iterable<Thread> threads, long deadlineNanos) {
        int stillAlive = 0;
        for (Thread thread : threads) {
            if (thread == null || thread == Thread.currentThread()) continue;
            long remainingNanos = deadlineNanos - System.nanoTime();
            try {
                if (remainingNanos > 0 && !Thread.currentThread().isInterrupted()) {
                    thread.join(TimeUnit.NANOSECONDS.toMillis(remainingNanos) + 1);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) stillAlive++;
        }
        if (stillAlive > 0) {
            System.err.println("iobench: " + serverId + ": " + stillAlive + " thread(s) still running "
                    + CLOSE_TIMEOUT_MILLIS + " ms after close");
        }
    }
}
