package org.iobench.netty42;

import org.iobench.nettycommon.NettyEchoServerContract;

/** {@link NettyEchoServerContract} for {@code netty42-epoll}. */
class Netty42EpollEchoServerTest extends NettyEchoServerContract {
    Netty42EpollEchoServerTest() {
        super(Netty42EpollEchoServer::new, Netty42EpollEchoServer::unavailableReason);
    }
}
