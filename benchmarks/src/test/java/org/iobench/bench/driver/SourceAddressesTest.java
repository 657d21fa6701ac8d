package org.iobench.bench.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class SourceAddressesTest {
    private static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 9000);

    @Test
    void oneAddressWhileItsPortsSufficeThenAsManyAsNeeded() {
        assertEquals("kernel", SourceAddresses.forTarget(LOOPBACK, 1_000, 1_000).describe());
        assertEquals("127.0.0.1,127.0.0.2", SourceAddresses.forTarget(LOOPBACK, 1_001, 1_000).describe());
        assertEquals("127.0.0.1,127.0.0.2,127.0.0.3", SourceAddresses.forTarget(LOOPBACK, 2_001, 1_000).describe());
    }

    @Test
    void connectionsGoRoundRobinSoEveryAddressGetsItsShare() {
        SourceAddresses sources = SourceAddresses.forTarget(LOOPBACK, 3_000, 1_000);
        assertEquals("127.0.0.1", sources.forConnection(0).getHostAddress());
        assertEquals("127.0.0.3", sources.forConnection(2).getHostAddress());
        assertEquals("127.0.0.1", sources.forConnection(3).getHostAddress());
    }

    @Test
    void aRemoteServerIsLeftToTheKernel() {
        assertEquals("kernel", SourceAddresses.forTarget(new InetSocketAddress("192.0.2.1", 9000), 100_000, 1_000).describe());
    }

    @Test
    void tooManyConnectionsForTheLoopbackRangeAreRefusedWithTheArithmetic() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SourceAddresses.forTarget(LOOPBACK, 300_000, 1_000));
        assertTrue(e.getMessage().contains("300000 connections need 300"), e.getMessage());
    }

    @Test
    void theDefaultPortBudgetIsMostOfTheEphemeralRange() {
        int ports = SourceAddresses.usablePortsPerAddress();
        assertTrue(ports > 1_000 && ports < 65_536, ports + " ports");
    }
}
