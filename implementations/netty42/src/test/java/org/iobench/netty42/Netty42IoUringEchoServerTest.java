package org.iobench.netty42;

import org.iobench.nettycommon.NettyEchoServerContract;

/** {@link NettyEchoServerContract} for {@code netty42-io-uring}. */
class Netty42IoUringEchoServerTest extends NettyEchoServerContract {
    Netty42IoUringEchoServerTest() {
        super(Netty42IoUringEchoServer::new, Netty42IoUringEchoServer::unavailableReason);
    }
}
