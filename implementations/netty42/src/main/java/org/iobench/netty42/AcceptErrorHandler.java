package org.iobench.netty42;

import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.util.concurrent.TimeUnit;

/**
 * Sits on the listening channel. When accept fails, almost always because the process ran out of
 * descriptors (EMFILE), retrying at once would fail again and spin a core, so accepting pauses for a
 * second while established connections keep being served; pending clients wait in the kernel's
 * backlog meanwhile. Netty's own acceptor does the same pause but then logs a stack trace from the
 * pipeline's tail; this handler does it with one line and consumes the event.
 */
@Sharable
final class AcceptErrorHandler extends ChannelInboundHandlerAdapter {
    static final AcceptErrorHandler INSTANCE = new AcceptErrorHandler();
    private static final long PAUSE_MILLIS = 1000;

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ChannelConfig config = ctx.channel().config();
        if (!config.isAutoRead()) return;
        System.err.println("iobench: accept failed (" + cause.getMessage() + "); pausing accepts for "
                + PAUSE_MILLIS + " ms");
        config.setAutoRead(false);
        ctx.executor().schedule(() -> config.setAutoRead(true), PAUSE_MILLIS, TimeUnit.MILLISECONDS);
    }
}
