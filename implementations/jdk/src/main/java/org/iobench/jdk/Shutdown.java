package org.iobench.jdk;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.iobench.api.ServerThreads;

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

    /** See {@link ServerThreads#joinAll}: shared with the Netty families, whose groups need the same. */
    static void joinAll(String serverId, Iterable<Thread> threads, long deadlineNanos) {
        ServerThreads.joinAll(serverId, threads, deadlineNanos);
    }
}
