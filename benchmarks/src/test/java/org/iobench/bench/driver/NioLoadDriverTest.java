package org.iobench.bench.driver;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Every LoadDriverTest again with the JDK's NIO, the driver's I/O on JDK 21. */
class NioLoadDriverTest extends LoadDriverTest {

    @BeforeAll
    static void useNio() {
        System.setProperty(DriverIoKind.PROPERTY, "nio");
    }

    @AfterAll
    static void backToThePreferredIo() {
        System.clearProperty(DriverIoKind.PROPERTY);
    }

    @Override
    DriverIoKind expectedKind() {
        return DriverIoKind.NIO;
    }
}
