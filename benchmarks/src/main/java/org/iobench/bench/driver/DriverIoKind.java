package org.iobench.bench.driver;

import java.net.InetSocketAddress;
import org.iobench.api.Settings;

/** Which I/O a driver uses; {@code -Diobench.driver.io=nio|epoll} overrides the preference. */
public enum DriverIoKind {
    NIO, EPOLL;

    /** EPOLL where available (Linux, JDK 22+), else NIO; or what the property says. */
    public static DriverIoKind preferred() {
        String chosen = Settings.DRIVER_IO.value().strip();
        if (chosen.equalsIgnoreCase("nio")) return NIO;
        if (chosen.equalsIgnoreCase("epoll")) return EPOLL;
        if (!chosen.isEmpty()) throw new IllegalArgumentException("-D" + Settings.DRIVER_IO.property() + " takes nio or epoll, got '" + chosen + "'");
        return LinuxCalls.AVAILABLE ? EPOLL : NIO;
    }

    /** The preferred kind for connections to {@code server}: the epoll driver speaks IPv4 only. */
    public static DriverIoKind preferredFor(InetSocketAddress server) {
        DriverIoKind kind = preferred();
        return kind == EPOLL && !(server.getAddress() instanceof java.net.Inet4Address) ? NIO : kind;
    }

    /** Null when this kind works here, else why not. */
    public String whyUnavailable() {
        return this == EPOLL && !LinuxCalls.AVAILABLE ? "epoll driver unavailable: " + LinuxCalls.UNAVAILABLE_REASON : null;
    }
}
