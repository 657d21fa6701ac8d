package org.iobench.jdk;

import org.iobench.api.RateLimitedLog;

/**
 * What an acceptor does when accept fails while the server is open and the failure is not one the
 * {@link org.iobench.api.Admission} handles (running out of descriptors): most such failures pass (a
 * connection aborted before it was accepted), so the server logs one line, pauses briefly and
 * accepts again instead of dying. The pause keeps a persistent failure from spinning a core; the log
 * is rate-limited so a storm of failures stays readable.
 */
final class AcceptBackoff {
    static final long BACKOFF_MILLIS = 10;

    private final RateLimitedLog log;

    AcceptBackoff(String serverId) {
        this.log = new RateLimitedLog(serverId);
    }

    /** Logs (at most once a second) and sleeps {@link #BACKOFF_MILLIS}; returns early if interrupted. */
    void failed(Throwable failure) {
        log.log("accept failed: " + failure.getMessage() + "; retrying in " + BACKOFF_MILLIS + " ms");
        try {
            Thread.sleep(BACKOFF_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
