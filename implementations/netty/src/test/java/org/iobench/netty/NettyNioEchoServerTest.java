package org.iobench.netty;

import org.iobench.nettycommon.NettyEchoServerContract;

/** {@link NettyEchoServerContract} for {@code netty-nio}. */
class NettyNioEchoServerTest extends NettyEchoServerContract {
    NettyNioEchoServerTest() {
        super(NettyNioEchoServer::new, () -> null);
    }
}
