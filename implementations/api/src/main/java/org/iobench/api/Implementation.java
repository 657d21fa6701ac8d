package org.iobench.api;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The catalogue: every I/O model under test, by its public id (used on the command line, as the JMH
 * {@code impl} parameter, in results and in charts). To add a model, write one {@link EchoServer}
 * class in its family's module and add one line here.
 */
public enum Implementation {
    BLOCKING("blocking", Family.JDK, "org.iobench.jdk.BlockingEchoServer",
            "ServerSocket, one platform thread per connection"),
    VIRTUAL("virtual", Family.JDK, "org.iobench.jdk.VirtualThreadEchoServer",
            "ServerSocket, one virtual thread per connection"),
    NIO_SELECTOR("nio-selector", Family.JDK, "org.iobench.jdk.SelectorEchoServer",
            "java.nio Selector reactor, N event loops (level-triggered epoll underneath)"),
    NIO2_ASYNC("nio2-async", Family.JDK, "org.iobench.jdk.AsyncChannelEchoServer",
            "NIO.2 AsynchronousServerSocketChannel, completion handlers"),
    NETTY_NIO("netty-nio", Family.NETTY, "org.iobench.netty.NettyNioEchoServer",
            "Netty 4.1, NIO transport"),
    NETTY_EPOLL_ET("netty-epoll-et", Family.NETTY, "org.iobench.netty.NettyEpollEdgeTriggeredEchoServer",
            "Netty 4.1, native epoll, edge-triggered"),
    NETTY_EPOLL_LT("netty-epoll-lt", Family.NETTY, "org.iobench.netty.NettyEpollLevelTriggeredEchoServer",
            "Netty 4.1, native epoll, level-triggered"),
    NETTY42_EPOLL("netty42-epoll", Family.NETTY42, "org.iobench.netty42.Netty42EpollEchoServer",
            "Netty 4.2, native epoll (level-triggered only)"),
    NETTY42_IO_URING("netty42-io-uring", Family.NETTY42, "org.iobench.netty42.Netty42IoUringEchoServer",
            "Netty 4.2, io_uring"),
    NATIVE_EPOLL_ET("native-epoll-et", Family.NATIVE, null,
            "C, epoll edge-triggered (the epoll floor)"),
    NATIVE_EPOLL_LT("native-epoll-lt", Family.NATIVE, null,
            "C, epoll level-triggered"),
    NATIVE_IO_URING("native-io-uring", Family.NATIVE, null,
            "C, io_uring: multishot accept and receive, provided buffer ring, one submit per loop turn");

    public final String id;
    public final Family family;
    /** The {@link EchoServer} class for Java families; null for native ones. */
    public final String serverClass;
    public final String description;

    Implementation(String id, Family family, String serverClass, String description) {
        this.id = id;
        this.family = family;
        this.serverClass = serverClass;
        this.description = description;
    }

    /**
     * The native server of the same kernel mechanism, the floor this model is read against (issue 14):
     * io_uring models against native-io-uring; models on a level-triggered epoll loop (the JDK Selector,
     * Netty's NIO transport, the level-triggered Netty epoll transports) against native-epoll-lt; the
     * edge-triggered ones, and those whose readiness is not a loop of their own (threads blocked in
     * read, virtual threads parked on the JDK's poller, NIO.2's one-shot completions), against
     * native-epoll-et, the cheapest epoll server. Null for the native servers: they are the floors.
     */
    public Implementation floor() {
        return switch (this) {
            case NATIVE_EPOLL_ET, NATIVE_EPOLL_LT, NATIVE_IO_URING -> null;
            case NETTY42_IO_URING -> NATIVE_IO_URING;
            case NIO_SELECTOR, NETTY_NIO, NETTY_EPOLL_LT, NETTY42_EPOLL -> NATIVE_EPOLL_LT;
            case BLOCKING, VIRTUAL, NIO2_ASYNC, NETTY_EPOLL_ET -> NATIVE_EPOLL_ET;
        };
    }

    /**
     * Whether this model hands blocking work to an offload pool ({@link ServerConfig#offloadThreads}): the
     * Java event loops. Thread per connection blocks in the connection's own thread; the C servers have no pool.
     */
    public boolean offloadsBlockingWork() {
        return family != Family.NATIVE && this != BLOCKING && this != VIRTUAL;
    }

    /**
     * Why this model cannot do {@code work} per message, or null when it can: the plan leaves such
     * trials out with this reason rather than fail them. The servers refuse the same (native:
     * server_options.c, exit 2), so a hand-run server says it too.
     */
    public String workUnavailable(Work work) {
        if (family != Family.NATIVE || work instanceof Work.None) return null;
        if (work instanceof Work.Block) {
            return "block work is not available: the C servers have no worker pool to hand a blocking call to";
        }
        return this == NATIVE_IO_URING ? "cpu work is not available: its provided-buffer receive path frames no messages" : null;
    }

    public static Optional<Implementation> byId(String id) {
        return Arrays.stream(values()).filter(i -> i.id.equals(id)).findFirst();
    }

    public static List<Implementation> ofFamily(Family family) {
        return Arrays.stream(values()).filter(i -> i.family == family).toList();
    }

    public static String ids() {
        return Arrays.stream(values()).map(i -> i.id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id;
    }
}
