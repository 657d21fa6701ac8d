package org.iobench.bench.driver;

/**
 * Bounds that make a broken server fail a trial quickly instead of hanging it.
 *
 * @param connectTimeoutMillis  all connections must be established within this time
 * @param stallTimeoutMillis    {@link LoadDriver#awaitEcho()} throws {@link DriverStalledException}
 *                              when no echo at all has completed for this long: a dead or hung server
 * @param messageTimeoutMillis  a connection whose oldest unanswered message is older than this is
 *                              counted as an error (the message is taken as lost) and closed. Longer
 *                              than the stall timeout on purpose: a slow echo is a latency, not an
 *                              error — 10,000 platform threads on one core wait seconds for their turn
 *                              while others make progress, and the tail percentiles must show that
 * @param maxPendingConnects    connection attempts in flight at once while connecting (keeps the
 *                              server's accept backlog from overflowing, which would cost SYN retries)
 */
public record DriverLimits(long connectTimeoutMillis, long stallTimeoutMillis, long messageTimeoutMillis,
                           int maxPendingConnects) {

    public static final long DEFAULT_CONNECT_TIMEOUT_MILLIS = 30_000;
    public static final long DEFAULT_STALL_TIMEOUT_MILLIS = 5_000;
    public static final long DEFAULT_MESSAGE_TIMEOUT_MILLIS = 30_000;
    public static final int DEFAULT_MAX_PENDING_CONNECTS = 256;

    public DriverLimits {
        if (connectTimeoutMillis < 1) throw new IllegalArgumentException("connectTimeoutMillis must be >= 1");
        if (stallTimeoutMillis < 1) throw new IllegalArgumentException("stallTimeoutMillis must be >= 1");
        if (messageTimeoutMillis < 1) throw new IllegalArgumentException("messageTimeoutMillis must be >= 1");
        if (maxPendingConnects < 1) throw new IllegalArgumentException("maxPendingConnects must be >= 1");
    }

    public static DriverLimits defaults() {
        return new DriverLimits(DEFAULT_CONNECT_TIMEOUT_MILLIS, DEFAULT_STALL_TIMEOUT_MILLIS,
                DEFAULT_MESSAGE_TIMEOUT_MILLIS, DEFAULT_MAX_PENDING_CONNECTS);
    }

    public DriverLimits withStallTimeoutMillis(long millis) {
        return new DriverLimits(connectTimeoutMillis, millis, messageTimeoutMillis, maxPendingConnects);
    }

    public DriverLimits withMessageTimeoutMillis(long millis) {
        return new DriverLimits(connectTimeoutMillis, stallTimeoutMillis, millis, maxPendingConnects);
    }

    public DriverLimits withConnectTimeoutMillis(long millis) {
        return new DriverLimits(millis, stallTimeoutMillis, messageTimeoutMillis, maxPendingConnects);
    }
}
