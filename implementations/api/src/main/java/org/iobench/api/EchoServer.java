package org.iobench.api;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * One echo server, one I/O model: every byte read from a connection is written back to it, in order.
 *
 * <p>Lifecycle, the same for every model: construct with a {@link ServerConfig}, {@link #start()}
 * binds and returns the real address (port 0 becomes the ephemeral port), {@link #close()} stops
 * accepting, closes every connection, ends every thread the server started and releases the port
 * before it returns. Implementations must be public, have a public constructor taking a
 * {@link ServerConfig}, and be listed in {@link Implementation}.
 *
 * <p>Rules every implementation keeps (the conformance suite checks them from outside):
 * TCP_NODELAY on accepted sockets; per-connection buffering bounded by
 * {@link ServerConfig#bufferBytes()} (a client that does not read gets backpressure: the server stops
 * reading from it, it never queues without bound); an accept that fails because descriptors ran out
 * is survived, not fatal.
 *
 * <p>An implementation that may be unavailable on some machines (native transport, io_uring)
 * declares {@code public static String unavailableReason()} returning null when it can run.
 */
public interface EchoServer extends AutoCloseable {

    /** Binds and starts serving; returns the bound address with the real port. */
    InetSocketAddress start() throws IOException;

    /** Stops serving and releases everything; idempotent. */
    @Override
    void close();
}
