package org.iobench.bench.driver;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * How one {@link LoadDriver}'s connections reach the kernel: opening them, waiting for readiness,
 * reading, writing, and asking to be told when a full socket drains. Two kinds, chosen by
 * {@link DriverIoKind#preferred()}: the JDK's NIO (Selector and SocketChannel, any JDK 21+), and direct
 * epoll/recv/send calls through the FFM API on JDK 22+ (see {@link LinuxCalls}), which skips NIO's
 * per-call locks, its fd-to-key map and write(2)'s VFS layer; the profile of the NIO driver found
 * those to be its cost above the native load client's. Both do the same syscalls per echo. Not
 * thread-safe: the driver thread only.
 */
abstract sealed class DriverIo permits NioDriverIo, EpollDriverIo {

    /** Called for each ready connection by {@link #poll}. */
    interface ReadyHandler {
        void ready(Connection c, boolean readable, boolean writable);
    }

    static DriverIo open(DriverIoKind kind) throws IOException {
        String why = kind.whyUnavailable();
        if (why != null) throw new IOException(why);
        return kind == DriverIoKind.EPOLL ? new EpollDriverIo() : new NioDriverIo();
    }

    abstract DriverIoKind kind();

    /** Opens and connects {@code count} connections (see {@link ConnectionOpener}'s rules); all or none. */
    abstract Connection[] connect(InetSocketAddress server, int count, DriverLimits limits, SourceAddresses sources)
            throws IOException;

    /** Waits up to {@code timeoutMillis} (0: not at all) and hands every ready connection to {@code handler}. */
    abstract void poll(long timeoutMillis, ReadyHandler handler) throws IOException;

    /** Reads into {@code into}'s remaining space, advancing its position: bytes read, 0 if none, -1 at EOF. */
    abstract int read(Connection c, ByteBuffer into) throws IOException;

    /** Writes {@code from}'s remaining bytes, advancing its position: bytes written, 0 if the socket is full. */
    abstract int write(Connection c, ByteBuffer from) throws IOException;

    /** Whether to be told (by {@link #poll}) when c can take more bytes; off by default. */
    abstract void watchWrites(Connection c, boolean on) throws IOException;

    /** Closes one connection (it failed); quietly. */
    abstract void close(Connection c);

    /** Closes every connection and the poller; quietly, idempotent. */
    abstract void closeAll(Connection[] connections);
}
