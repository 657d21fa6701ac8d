package org.iobench.jdk;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.nio.channels.ShutdownChannelGroupException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.iobench.api.Admission;
import org.iobench.api.ConnectionBudget;
import org.iobench.api.EchoServer;
import org.iobench.api.Implementation;
import org.iobench.api.MessageWork;
import org.iobench.api.OffloadPool;
import org.iobench.api.RateLimitedLog;
import org.iobench.api.ServerConfig;

/**
 * {@code nio2-async}: NIO.2's proactor API, {@link AsynchronousServerSocketChannel} with completion
 * handlers, in an {@link AsynchronousChannelGroup} with a fixed pool of {@link ServerConfig#threads()}
 * threads. On Linux the JDK emulates completions on epoll (EPOLLONESHOT): the pool threads take turns
 * waiting in epoll and run the handlers. The echo is in {@link AsyncEchoConnection}; this class is
 * only lifecycle and the accept handler, which re-arms itself after every accept. The accept's
 * attachment says whether it runs on the spare descriptor ({@link Admission}).
 *
 * <p>With work per message each connection is an {@link AsyncWorkConnection}: CPU work inline in the
 * completion handler, blocking work on one bounded {@link OffloadPool} ({@code --offload-threads},
 * {@code --offload-queue}; 0 threads = inline on the group's threads, the classic mistake). With
 * none, the plain {@link AsyncEchoConnection}, exactly as before.
 */
public final class AsyncChannelEchoServer implements EchoServer {
    private static final String ID = Implementation.NIO2_ASYNC.id;

    private final ServerConfig config;
    private final AcceptBackoff acceptBackoff = new AcceptBackoff(ID);
    private final RateLimitedLog log = new RateLimitedLog(ID);
    private final Admission admission;
    private final MessageWork work;
    /** Blocking work's pool; null unless the work blocks and offloading is on. */
    private final OffloadPool pool;
    private final CompletionHandler<AsynchronousSocketChannel, Boolean> onAccepted = new AcceptHandler();
    /** The pool's threads, so close() can join them: the group reports termination before they are gone. */
    private final List<Thread> poolThreads = new CopyOnWriteArrayList<>();
    private volatile boolean closed;
    private AsynchronousChannelGroup group;
    private AsynchronousServerSocketChannel serverChannel;

    public AsyncChannelEchoServer(ServerConfig config) {
        this.config = config;
        // Each connection owns one direct buffer of the configured size for its whole life.
        this.admission = new Admission(ID, ConnectionBudget.forServer(ID, config.bufferBytes(),
                new ConnectionBudget.PerConnection(0, config.connectionBufferBytes())));
        this.work = MessageWork.of(config);
        this.pool = work.blocks() && config.offloadThreads() > 0
                ? new OffloadPool(ID + "-offload", config.offloadThreads(), config.offloadQueue()) : null;
    }

    @Override
    public synchronized InetSocketAddress start() throws IOException {
        if (closed || group != null) throw new IllegalStateException(ID + " server already started or closed");
        ThreadFactory named = Thread.ofPlatform().name(ID + "-", 0).daemon(true).factory();
        group = AsynchronousChannelGroup.withFixedThreadPool(config.threads(), task -> {
            Thread thread = named.newThread(task);
            poolThreads.add(thread);
            return thread;
        });
        try {
            serverChannel = AsynchronousServerSocketChannel.open(group);
            serverChannel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            serverChannel.bind(new InetSocketAddress(config.bindAddress(), config.port()), ServerConfig.DEFAULT_BACKLOG);
        } catch (IOException e) {
            close();
            throw e;
        }
        acceptNext(false);
        return (InetSocketAddress) serverChannel.getLocalAddress();
    }

    private void acceptNext(boolean onSpare) {
        try {
            serverChannel.accept(onSpare, onAccepted);
        } catch (ShutdownChannelGroupException e) {
            // close() is under way: stop accepting
        }
    }

    private final class AcceptHandler implements CompletionHandler<AsynchronousSocketChannel, Boolean> {
        @Override
        public void completed(AsynchronousSocketChannel channel, Boolean onSpare) {
            // Decided before re-arming: the spare must be back before the next accept may need it.
            boolean admitted = admission.admit(onSpare, () -> Shutdown.closeQuietly(channel));
            acceptNext(false);   // re-arm before serving, so the next client is accepted while this one starts
            if (!admitted) return;
            try {
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                if (work.any()) {
                    new AsyncWorkConnection(channel, work, pool, config.bufferBytes(), admission::release).start();
                } else {
                    new AsyncEchoConnection(channel, config.bufferBytes(), admission::release).start();
                }
            } catch (IOException e) {
                refuse(channel);   // the client left before we got to it
            } catch (OutOfMemoryError e) {
                // The budget keeps connection buffers within the limit, but direct memory is shared
                // with the JDK's own buffers: refuse this connection rather than lose a pool thread.
                refuse(channel);
                log.log("refused a connection: " + e.getMessage());
            }
        }

        @Override
        public void failed(Throwable failure, Boolean onSpare) {
            if (closed || !serverChannel.isOpen()) return;
            if (onSpare) admission.retakeSpare();
            if (admission.releaseSpareFor(failure)) {
                acceptNext(true);   // out of descriptors: accept the next one on the spare, to refuse it
                return;
            }
            // On a group thread: the pause holds up one handler thread for a few ms, a fair price for
            // not giving up when accepting keeps failing.
            acceptBackoff.failed(failure);
            acceptNext(false);
        }
    }

    private void refuse(AsynchronousSocketChannel channel) {
        Shutdown.closeQuietly(channel);
        admission.release();
    }

    /**
     * Stops the group: shutdownNow() closes every channel in it (the listening one and every
     * connection), then the pool's threads end once their handlers return; idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) return;
            closed = true;
        }
        if (group == null) return;   // never started
        long deadlineNanos = Shutdown.deadlineNanos();
        try {
            group.shutdownNow();
            if (!group.awaitTermination(Shutdown.CLOSE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
                System.err.println("iobench: " + ID + ": handler threads still running "
                        + Shutdown.CLOSE_TIMEOUT_MILLIS + " ms after close");
            }
        } catch (IOException e) {
            System.err.println("iobench: " + ID + ": closing the channel group: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Shutdown.joinAll(ID, poolThreads, deadlineNanos);
        if (pool != null) pool.close();
        admission.close();
    }
}
