package org.iobench.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A server with many threads gets longer to stop; one with few keeps the base grace. */
class ServerProcessStopTest {
    @Test
    void graceGrowsByAMillisecondPerThread() {
        assertEquals(ServerProcess.STOP_TIMEOUT, ServerProcess.stopGrace(0));
        assertEquals(Duration.ofMillis(15_020), ServerProcess.stopGrace(20));
        // a thread-per-connection server at 10,000 connections
        assertEquals(Duration.ofSeconds(25).plusMillis(16), ServerProcess.stopGrace(10_016));
    }
}
