package org.iobench.netty42;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import org.iobench.api.ServerConfig;

/**
 * {@code netty42-io-uring}: Netty 4.2 over io_uring, completion-based: the kernel performs the reads
 * and writes and reports completions, instead of reporting readiness as epoll does. Needs a kernel
 * with io_uring enabled (5.9+ for what Netty uses, and the io_uring_disabled sysctl at 0).
 */
public final class Netty42IoUringEchoServer extends Netty42EchoServer {
    private static final String ACCEPT_MULTISHOT_PROPERTY = "io.netty.iouring.acceptMultiShotEnabled";

    static {
        // Netty 4.2.18 re-arms a multishot accept that completed with an error even while accepting is
        // paused (autoRead off), so running out of descriptors spun the acceptor thread at 100% of a
        // core (~30,000 failing accepts a second, measured). Single-shot accept honours the pause.
        // Accept speed is not part of the echo measurements. Must run before IoUring is initialised;
        // an explicit -Dio.netty.iouring.acceptMultiShotEnabled=... still wins.
        if (System.getProperty(ACCEPT_MULTISHOT_PROPERTY) == null) {
            System.setProperty(ACCEPT_MULTISHOT_PROPERTY, "false");
        }
    }

    public Netty42IoUringEchoServer(ServerConfig config) {
        super(config);
    }

    public static String unavailableReason() {
        if (IoUring.isAvailable()) return null;
        Throwable cause = IoUring.unavailabilityCause();
        return "Netty io_uring unavailable: " + (cause == null ? "unknown reason" : cause);
    }

    @Override
    protected IoHandlerFactory ioHandlerFactory() {
        return IoUringIoHandler.newFactory();
    }

    @Override
    protected Class<? extends ServerChannel> serverChannelType() {
        return IoUringServerSocketChannel.class;
    }
}
