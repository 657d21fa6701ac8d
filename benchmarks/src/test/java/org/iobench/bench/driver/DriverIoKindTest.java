package org.iobench.bench.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DriverIoKindTest {

    @AfterEach
    void clear() {
        System.clearProperty(DriverIoKind.PROPERTY);
    }

    @Test
    void epollWhereTheFfmApiIsFinalNioBefore() {
        DriverIoKind expected = Runtime.version().feature() >= 22 ? DriverIoKind.EPOLL : DriverIoKind.NIO;
        assertEquals(expected, DriverIoKind.preferred());
        assertNull(expected.whyUnavailable());
    }

    @Test
    void ipv6TargetsUseNio() {
        assertEquals(DriverIoKind.NIO, DriverIoKind.preferredFor(new InetSocketAddress("::1", 9000)));
    }

    @Test
    void thePropertyChoosesAndATypoIsRefused() {
        System.setProperty(DriverIoKind.PROPERTY, "nio");
        assertEquals(DriverIoKind.NIO, DriverIoKind.preferred());
        System.setProperty(DriverIoKind.PROPERTY, "epol");
        assertEquals("-Diobench.driver.io takes nio or epoll, got 'epol'",
                assertThrows(IllegalArgumentException.class, DriverIoKind::preferred).getMessage());
    }
}
