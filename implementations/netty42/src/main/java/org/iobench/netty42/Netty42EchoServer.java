package org.iobench.netty42;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import org.iobench.api.ServerConfig;
import org.iobench.nettycommon.NettyEchoServer;

import java.util.concurrent.ThreadFactory;

/**
 * A Netty 4.2 echo server: the shared lifecycle ({@link NettyEchoServer}, the same source the Netty
 * 4.1 servers are compiled from), with event loops built the 4.2 way, a
 * {@link MultiThreadIoEventLoopGroup} driven by the transport's I/O handler.
 */
public abstract class Netty42EchoServer extends NettyEchoServer {

    protected Netty42EchoServer(ServerConfig config) {
        super(config, "netty42");
    }

    /** The transport: what drives each event loop (epoll, io_uring, ...). */
    protected abstract IoHandlerFactory ioHandlerFactory();

    @Override
    protected final EventLoopGroup newEventLoopGroup(int threads, ThreadFactory threadFactory) {
        return new MultiThreadIoEventLoopGroup(threads, threadFactory, ioHandlerFactory());
    }
}
