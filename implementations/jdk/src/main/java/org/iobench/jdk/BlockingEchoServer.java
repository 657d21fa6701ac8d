package org.iobench.jdk;

import org.iobench.api.Implementation;
import org.iobench.api.ServerConfig;

/**
 * {@code blocking}: {@link java.net.ServerSocket}, one platform thread per connection, the classic
 * model. Each connection costs a kernel thread and its stack, which is what the benchmarks watch at
 * 10,000 connections.
 *
 * <p>{@link ServerConfig#threads()} is ignored: the thread count is the connection count (plus the
 * acceptor) by definition of the model, there is no pool to size.
 */
public final class BlockingEchoServer extends ThreadPerConnectionEchoServer {

    public BlockingEchoServer(ServerConfig config) {
        // Daemon threads: a server someone forgot to close never keeps a JVM (or a test run) alive.
        super(config, Implementation.BLOCKING.id,
                Thread.ofPlatform().name(Implementation.BLOCKING.id + "-", 0).daemon(true).factory());
    }
}
