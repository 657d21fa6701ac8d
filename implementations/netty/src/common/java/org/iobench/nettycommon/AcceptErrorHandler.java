package org.iobench.nettycommon;

import io.netty.channel.Channel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.iobench.api.Admission;
import org.iobench.api.RateLimitedLog;

import java.util.concurrent.TimeUnit;

/**
 * Sits on the listening channel, ahead of Netty's acceptor, and is touched only by the acceptor's
 * event loop. When accept fails because the process ran out of descriptors (EMFILE), the pending
 * client would wait in the kernel's queue forever: the {@link Admission} gives up its spare
 * descriptor, accepting is re-armed (autoRead off and on re-registers interest, so even an
 * edge-triggered listener is polled again) and the connection accepted on the spare is closed at
 * once unless a descriptor came free meanwhile. Any other accept failure pauses accepting for a
 * second (retrying at once would spin a core) with one line, where Netty's own acceptor would log a
 * stack trace from the pipeline's tail.
 */
final class AcceptErrorHandler extends ChannelInboundHandlerAdapter {
    private static final long PAUSE_MILLIS = 1000;

    private final Admission admission;
    private final RateLimitedLog log;
    /** Whether the next accepted connection got the spare descriptor. */
    private boolean spareReleased;

    AcceptErrorHandler(String serverId, Admission admission) {
        this.admission = admission;
        this.log = new RateLimitedLog(serverId);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Channel child = (Channel) msg;   // not registered yet: closing it needs no event loop
        boolean onSpare = spareReleased;
        spareReleased = false;
        if (admission.admit(onSpare, () -> child.unsafe().closeForcibly())) ctx.fireChannelRead(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ChannelConfig config = ctx.channel().config();
        if (admission.releaseSpareFor(cause)) {
            spareReleased = true;
            config.setAutoRead(false);
            config.setAutoRead(true);
            return;
        }
        if (!config.isAutoRead()) return;
        log.log("accept failed (" + cause.getMessage() + "); pausing accepts for " + PAUSE_MILLIS + " ms");
        config.setAutoRead(false);
        ctx.executor().schedule(() -> config.setAutoRead(true), PAUSE_MILLIS, TimeUnit.MILLISECONDS);
    }
}
