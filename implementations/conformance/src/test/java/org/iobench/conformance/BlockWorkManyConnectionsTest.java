package org.iobench.conformance;

import org.iobench.api.ServerConfig;
import org.iobench.api.Work;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 2,000 connections at once, each doing 20 round trips of a 64-byte message with {@code block:1}
 * work and the default offload pool: no deadlock (bounded in time) and no byte lost or crossed.
 */
class BlockWorkManyConnectionsTest extends PerImplementation {
    static final int CONNECTIONS = 2_000;
    static final int ROUND_TRIPS = 20;
    static final int MESSAGE_BYTES = 64;

    @Override
    ServerConfig config() {
        return ServerConfig.defaults().withWork(new Work.Block(1), MESSAGE_BYTES);
    }

    @Test
    @Timeout(120)
    void twoThousandConnectionsWithBlockingWorkNeitherDeadlockNorLoseAByte() throws Exception {
        ManyConnectionsTest.concurrentRoundTrips(server, CONNECTIONS, ROUND_TRIPS, MESSAGE_BYTES);
    }
}
