package org.iobench.jdk;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.iobench.api.Implementation;
import org.iobench.api.ServerConfig;

/**
 * {@code virtual}: the same code as {@link BlockingEchoServer}, one virtual thread per connection. A
 * blocked read parks the virtual thread and hands its socket to the JDK's poller (epoll underneath),
 * so the carrier threads are free for the connections that have data.
 *
 * <p>{@link ServerConfig#threads()} is the number of carrier threads: the virtual-thread scheduler's
 * parallelism and its maximum pool size (no extra carriers to compensate for pinning: the model is
 * measured with exactly that many).
 */
public final class VirtualThreadEchoServer extends ThreadPerConnectionEchoServer {
    private static final String PARALLELISM = "jdk.virtualThreadScheduler.parallelism";
    private static final String MAX_POOL_SIZE = "jdk.virtualThreadScheduler.maxPoolSize";
    /** The carrier count the first server in this JVM asked for; 0 until then. */
    private static final AtomicInteger configuredCarriers = new AtomicInteger();

    public VirtualThreadEchoServer(ServerConfig config) {
        super(config, Implementation.VIRTUAL.id, virtualThreads(config.threads()));
    }

    /**
     * The JDK reads the scheduler properties exactly once, in the static initialiser of
     * {@code java.lang.VirtualThread} that builds the default scheduler (a ForkJoinPool), i.e. when the
     * first virtual thread of the JVM is created. So they are set here, before this server creates its
     * first virtual thread (the acceptor, in start()); set later they would be silently ignored. In the
     * server process ({@code ServerMain}) nothing creates a virtual thread before this constructor.
     */
    private static ThreadFactory virtualThreads(int carriers) {
        if (configuredCarriers.compareAndSet(0, carriers)) {
            System.setProperty(PARALLELISM, Integer.toString(carriers));
            System.setProperty(MAX_POOL_SIZE, Integer.toString(carriers));
        } else if (configuredCarriers.get() != carriers) {
            System.err.println("iobench: virtual: this JVM's carrier threads are already fixed at "
                    + configuredCarriers.get() + "; threads=" + carriers + " has no effect");
        }
        return Thread.ofVirtual().name(Implementation.VIRTUAL.id + "-", 0).factory();
    }
}
