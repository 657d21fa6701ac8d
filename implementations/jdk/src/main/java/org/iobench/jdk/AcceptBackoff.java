package org.iobench.jdk;

import java.util.concurrent.TimeUnit;

/**
 * What an acceptor does when accept fails while the server is open: most such failures pass
 * ("Too many open files" until a connection closes, a connection aborted before it was accepted), so
 * the server logs one line, pauses briefly and accepts again instead of dying. The pause keeps a
 * persistent failure from spinning a core; the log is rate-limited so a storm of failures stays readable.
 */
final class AcceptBackoff {
    static final long BACKOFF_MILLIS = 10;
    private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final String serverId;
    private long lastLogNanos = System.nanoTime() - LOG_INTERVAL_NANOS;
    private long suppressedSinceLastLog;

    AcceptBackoff(String serverId) {
        this.serverId = serverId;
    }

    /** Logs (at most once a second) and sleeps {@link #BACKOFF_MILLIS}; returns early if interrupted. */
    void failed(Throwable failure) {
        logRateLimited(failure);
        try {
            Thread.sleep(BACKOFF_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void logRateLimited(Throwable failure) {
        long now = System.nanoTime();
        if (now - lastLogNanos < LOG_INTERVAL_NANOS) {
            suppressedSinceLastLog++;
            return;
        }
        String more = suppressedSinceLastLog == 0 ? "" : " (" + suppressedSinceLastLog + " more since last report)";
        System.err.println("iobench: " + serverId + ": accept failed: " + failure.getMessage()
                + "; retrying in " + BACKOFF_MILLIS + " ms" + more);
        lastLogNanos = now;
        suppressedSinceLastLog = 0;
    }
}
