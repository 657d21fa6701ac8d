package org.iobench.bench.driver;

/**
 * The fixed-rate schedule of an open loop (wrk2's model): message {@code k} of the driver is intended
 * at {@code anchor + k * period} and goes to connection {@code k mod N}. So message {@code j} of
 * connection {@code c} (counting from the anchor) is intended at
 * {@code anchor + ((j - base) * N + c) * period}: intended times are computed, never queued, and a
 * backlog of any length costs one counter per connection.
 */
final class OpenLoopSchedule {
    private final double periodNanos;
    private final int maxInFlight;
    private final Connection[] connections;
    private long anchorNanos;
    private long issued;

    OpenLoopSchedule(LoadShape.OpenLoop shape, Connection[] connections) {
        this.periodNanos = 1e9 / shape.echoesPerSecond();
        this.maxInFlight = shape.maxInFlightPerConnection();
        this.connections = connections;
    }

    /** Starts the schedule at {@code nowNanos}; messages due but not sent under the old anchor are dropped. */
    void restart(long nowNanos) {
        anchorNanos = nowNanos;
        issued = 0;
        for (Connection c : connections) {
            c.messagesScheduled = c.messagesQueued;
            c.scheduleBase = c.messagesQueued;
        }
    }

    /** Assigns every message due by {@code nowNanos} to its connection and sends what may be sent. */
    long issueDue(long nowNanos, LoadDriver driver) {
        long due = (long) ((nowNanos - anchorNanos) / periodNanos) + 1;
        int n = connections.length;
        while (issued < due) {
            Connection c = connections[(int) (issued++ % n)];
            if (!c.alive) continue; // its share is not offered any more; the achieved rate shows it
            c.messagesScheduled++;
            sendBacklog(c, nowNanos, driver);
        }
        return anchorNanos + (long) (issued * periodNanos) - nowNanos;
    }

    /** Sends c's scheduled messages up to the in-flight bound, each stamped with its intended time. */
    void sendBacklog(Connection c, long nowNanos, LoadDriver driver) {
        long received = c.messagesReceived(driver.payloadBytes());
        long limit = Math.min(c.messagesScheduled, received + maxInFlight);
        if (c.messagesQueued >= limit) return;
        // at a low rate an idle gap is not a stall: the stall clock starts when a message goes out on an idle connection
        if (c.messagesQueued == received) driver.noteSendOnIdleConnection(nowNanos);
        int n = connections.length;
        while (c.messagesQueued < limit) {
            long j = c.messagesQueued - c.scheduleBase;
            driver.queueIntended(c, anchorNanos + (long) ((j * n + c.index) * periodNanos), nowNanos);
        }
        driver.flush(c);
    }
}
