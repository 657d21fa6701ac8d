package org.iobench.netty;

import org.iobench.nettycommon.NettyEchoServerContract;

/** {@link NettyEchoServerContract} for {@code netty-epoll-et}. */
class NettyEpollEdgeTriggeredEchoServerTest extends NettyEchoServerContract {
    NettyEpollEdgeTriggeredEchoServerTest() {
        super(NettyEpollEdgeTriggeredEchoServer::new, NettyEpollEdgeTriggeredEchoServer::unavailableReason);
    }
}
