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
import org.iobench.api.EchoServer;
import org.iobench.api.Implementation;
import org.iobench.api.ServerConfig;

/**
 * {@code nio2-async}: NIO.2's proactor API, {@link AsynchronousServerSocketChannel} with completion
 * handlers, in an {@link AsynchronousChannelGroup} with a fixed pool of {@link ServerConfig#threads()}
 * threads. On Linux the JDK emulates completions on epoll (EPOLLONESHOT): the pool threads take turns
 * waiting in epoll and run the handlers. The echo is in {@link AsyncEchoConnection}; this class is
 * only lifecycle and the accept handler, which re-arms itself after every accept.
 */
public final class AsyncChannelEchoServer implements EchoServer {
    private static final String ID = Implementation.NIO2_ASYNC.id;

    private final ServerConfig config;
    private final AcceptBackoff acceptBackoff = new AcceptBackoff(ID);
    private final CompletionHandler<AsynchronousSocketChannel, Void> onAccepted = new AcceptHandler();
    /** The pool's threads, so close() can join them: the group reports termination before they are gone. */
    private final List<Thread> poolThreads = new CopyOnWriteArrayList<>();
    private volatile boolean closed;
    private AsynchronousChannelGroup group;
    private AsynchronousServerSocketChannel serverChannel;

    public AsyncChannelEchoServer(ServerConfig config) {
        this.config = config;
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
        acceptNext();
        return (InetSocketAddress) serverChannel.getLocalAddress();
    }

    private void acceptNext() {
        try {
            serverChannel.accept(null, onAccepted);
        } catch (ShutdownChannelGroupException e) {
            // close() is under way: stop accepting
        }
    }

    private final class AcceptHandler implements CompletionHandler<AsynchronousSocketChannel, Void> {
        @Override
        public void completed(AsynchronousSocketChannel channel, Void unused) {
            acceptNext();   // re-arm first, so the next client is accepted while this one starts
            try {
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                new AsyncEchoConnection(channel, config.bufferBytes()).start();
            } catch (IOException e) {
                Shutdown.closeQuietly(channel);   // the client left before we got to it
            }
        }

        @Override
        public void failed(Throwable failure, Void unused) {
            if (closed || !serverChannel.isOpen()) return;
            // On a group thread: the pause holds up one handler thread for a few ms, a fair price for
            // not giving up when descriptors run out.
            acceptBackoff.failed(failure);
            acceptNext();
        }
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
    }
}
