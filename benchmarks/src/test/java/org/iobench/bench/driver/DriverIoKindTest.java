package org.iobench.bench.driver;

import org.iobench.api.Settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DriverIoKindTest {

    @AfterEach
    void clear() {
        System.clearProperty(Settings.DRIVER_IO.property());
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
        System.setProperty(Settings.DRIVER_IO.property(), "nio");
        assertEquals(DriverIoKind.NIO, DriverIoKind.preferred());
        System.setProperty(Settings.DRIVER_IO.property(), "epol");
        assertEquals("-Diobench.driver.io takes nio or epoll, got 'epol'",
                assertThrows(IllegalArgumentException.class, DriverIoKind::preferred).getMessage());
    }
}
