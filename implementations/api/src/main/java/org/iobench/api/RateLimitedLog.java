package org.iobench.api;

import java.util.concurrent.TimeUnit;

/**
 * One line on stderr at most once a second, with how many were held back since: a storm of failing
 * accepts or refused connections (thousands a second) stays readable and costs no measurable time.
 */
public final class RateLimitedLog {
    private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final String serverId;
    private long lastNanos = System.nanoTime() - INTERVAL_NANOS;
    private long suppressed;

    public RateLimitedLog(String serverId) {
        this.serverId = serverId;
    }

    public synchronized void log(String message) {
        long now = System.nanoTime();
        if (now - lastNanos < INTERVAL_NANOS) {
            suppressed++;
            return;
        }
        String more = suppressed == 0 ? "" : " (" + suppressed + " more since the last report)";
        System.err.println("iobench: " + serverId + ": " + message + more);
        lastNanos = now;
        suppressed = 0;
    }
}
