package org.iobench.nettycommon;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import org.iobench.api.Admission;
import org.iobench.api.EchoServer;
import org.iobench.api.MessageWork;
import org.iobench.api.OffloadPool;
import org.iobench.api.ServerConfig;
import org.iobench.api.ServerThreads;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The lifecycle every Netty echo server shares (configure, bind, close), so that the transports
 * differ only in what a subclass supplies: its event loops, its server channel type and, for Netty
 * 4.1 epoll, the trigger mode. One acceptor thread, {@code config.threads()} worker event loops.
 *
 * <p>One source, compiled into both the netty (4.1) and the netty42 module (see their poms): the two
 * Netty versions cannot share a classpath, and this code reads the same against both, so the only
 * difference between a 4.1 and a 4.2 server is the Netty underneath.
 *
 * <p>With work per message each connection gets its own {@link WorkHandler}: CPU work inline on the
 * event loop, blocking work on one bounded {@link OffloadPool} ({@code --offload-threads},
 * {@code --offload-queue}), written back on the channel's loop. {@code --offload-threads 0} blocks
 * on the event loop itself: the anti-pattern, shown on purpose (e.g. {@code netty-epoll-et} with it
 * is "the event loop that blocks"). With no work, the shared {@link EchoHandler}, exactly as before.
 */
public abstract class NettyEchoServer implements EchoServer {
    private static final int SMALLEST_READ_BYTES = 64;
    private static final int FIRST_READ_BYTES = 2048;
    private static final long SHUTDOWN_TIMEOUT_SECONDS = 5;

    private final ServerConfig config;
    /** Names this family's threads and log lines: the module, "netty" or "netty42". */
    private final String family;
    /**
     * Refuses what comes beyond the descriptor limit. No memory cap here: a connection holds at most
     * the write watermark pending plus one read buffer, taken from Netty's pool only while a read is
     * under way (an idle one holds none), and when Netty's direct memory runs short the failed
     * allocation closes that one connection (EchoHandler.exceptionCaught), never an event loop.
     */
    private Admission admission;
    private EventLoopGroup acceptorGroup;
    private EventLoopGroup workerGroup;
    private Channel serverChannel;
    /** Blocking work's pool; null unless the work blocks and offloading is on. */
    private OffloadPool pool;
    /** Every event-loop thread started, so close() can join them: a group's termination future completes just before its threads exit. */
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    protected NettyEchoServer(ServerConfig config, String family) {
        this.config = config;
        this.family = family;
    }

    /** The transport's event loops: {@code threads} of them, threads made by {@code threadFactory}. */
    protected abstract EventLoopGroup newEventLoopGroup(int threads, ThreadFactory threadFactory);

    protected abstract Class<? extends ServerChannel> serverChannelType();

    /** Transport-specific options; none by default. */
    protected void configureTransport(ServerBootstrap bootstrap) {
    }

    @Override
    public synchronized InetSocketAddress start() throws IOException {
        if (acceptorGroup != null) throw new IllegalStateException("already started");
        acceptorGroup = newEventLoopGroup(1, tracked(new DefaultThreadFactory(family + "-acceptor")));
        workerGroup = newEventLoopGroup(config.threads(), tracked(new DefaultThreadFactory(family + "-worker")));
        int bufferBytes = config.bufferBytes();
        admission = new Admission(family, null);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptorGroup, workerGroup)
                .channel(serverChannelType())
                .option(ChannelOption.SO_BACKLOG, ServerConfig.DEFAULT_BACKLOG)
                .option(ChannelOption.SO_REUSEADDR, true)
                .handler(new AcceptErrorHandler(family, admission))
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                // Netty's adaptive read sizing, capped at the configured buffer size.
                .childOption(ChannelOption.RCVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator(
                        Math.min(SMALLEST_READ_BYTES, bufferBytes), Math.min(FIRST_READ_BYTES, bufferBytes), bufferBytes))
                // Above bufferBytes pending towards the client the channel turns unwritable and the
                // handler stops reading; below half of it, reading resumes.
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(bufferBytes / 2, bufferBytes))
                .childHandler(childHandler());
        configureTransport(bootstrap);
        ChannelFuture bind = bootstrap.bind(config.bindAddress(), config.port()).awaitUninterruptibly();
        if (!bind.isSuccess()) {
            close();
            throw bindFailure(bind.cause());
        }
        serverChannel = bind.channel();
        return (InetSocketAddress) serverChannel.localAddress();
    }

    private ChannelHandler childHandler() {
        MessageWork work = MessageWork.of(config);
        if (!work.any()) return EchoHandler.INSTANCE;
        if (work.blocks() && config.offloadThreads() > 0) {
            pool = new OffloadPool(family + "-offload", config.offloadThreads(), config.offloadQueue());
        }
        OffloadPool offload = pool;
        return new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel channel) {
                channel.pipeline().addLast(new WorkHandler(work, offload));
            }
        };
    }

    /** Stops accepting, closes every connection, ends both groups' threads; returns when they are gone. */
    @Override
    public synchronized void close() {
        if (serverChannel != null) {
            serverChannel.close().awaitUninterruptibly();
            serverChannel = null;
        }
        Future<?> acceptorStopped = shutdown(acceptorGroup);
        Future<?> workersStopped = shutdown(workerGroup);
        acceptorStopped.awaitUninterruptibly();
        workersStopped.awaitUninterruptibly();
        ServerThreads.joinAll(family, threads, System.nanoTime() + TimeUnit.SECONDS.toNanos(SHUTDOWN_TIMEOUT_SECONDS));
        threads.clear();
        if (pool != null) pool.close();
        pool = null;
        acceptorGroup = null;
        workerGroup = null;
        if (admission != null) admission.close();
        admission = null;
    }

    private ThreadFactory tracked(ThreadFactory factory) {
        return task -> {
            Thread thread = factory.newThread(task);
            threads.add(thread);
            return thread;
        };
    }

    private static Future<?> shutdown(EventLoopGroup group) {
        if (group == null) return ImmediateEventExecutor.INSTANCE.newSucceededFuture(null);
        // No quiet period: an echo server has no in-flight work worth waiting for.
        return group.shutdownGracefully(0, SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Native transports report a failed bind as a plain IOException; the JDK calls it BindException. */
    private static IOException bindFailure(Throwable cause) {
        if (cause instanceof BindException bindException) return bindException;
        BindException failure = new BindException(cause.getMessage());
        failure.initCause(cause);
        return failure;
    }
}
