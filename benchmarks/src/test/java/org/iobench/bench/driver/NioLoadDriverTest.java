package org.iobench.bench.driver;

import org.iobench.api.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Every LoadDriverTest again with the JDK's NIO, the driver's I/O on JDK 21. */
class NioLoadDriverTest extends LoadDriverTest {

    @BeforeAll
    static void useNio() {
        System.setProperty(Settings.DRIVER_IO.property(), "nio");
    }

    @AfterAll
    static void backToThePreferredIo() {
        System.clearProperty(Settings.DRIVER_IO.property());
    }

    @Override
    DriverIoKind expectedKind() {
        return DriverIoKind.NIO;
    }
}
