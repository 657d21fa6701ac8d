package org.iobench.jdk;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.iobench.api.Admission;
import org.iobench.api.ConnectionBudget;
import org.iobench.api.EchoServer;
import org.iobench.api.Implementation;
import org.iobench.api.MessageWork;
import org.iobench.api.OffloadPool;
import org.iobench.api.ServerConfig;

/**
 * {@code nio-selector}: the reactor pattern on {@link java.nio.channels.Selector}, which is
 * level-triggered epoll on Linux (the JDK never sets EPOLLET). {@link ServerConfig#threads()} event
 * loops, each owning a selector and its connections; one extra acceptor thread blocks in accept and
 * hands each new connection to the next loop, round-robin. The echo itself is in
 * {@link SelectorConnection}; this class is only lifecycle.
 *
 * <p>The acceptor is its own blocking thread, rather than OP_ACCEPT in loop 0, so that backing off
 * after "Too many open files" never stalls a loop (level-triggered OP_ACCEPT would also keep firing
 * while the descriptors are exhausted).
 *
 * <p>With work per message each connection is a {@link SelectorWorkConnection}: CPU work inline on
 * the loop, blocking work on one bounded {@link OffloadPool} shared by the loops
 * ({@code --offload-threads}, {@code --offload-queue}), the echo written back on the loop; with
 * {@code --offload-threads 0} the loop blocks inline, the classic mistake. With none, the plain
 * {@link SelectorConnection}, exactly as before.
 */
public final class SelectorEchoServer implements EchoServer {
    private static final String ID = Implementation.NIO_SELECTOR.id;

    private final ServerConfig config;
    private final AcceptBackoff acceptBackoff = new AcceptBackoff(ID);
    private final Admission admission;
    private final MessageWork work;
    /** Blocking work's pool; null unless the work blocks and offloading is on. */
    private final OffloadPool pool;
    private final List<SelectorEventLoop> loops = new ArrayList<>();
    private volatile boolean closed;
    private ServerSocketChannel serverChannel;
    private Thread acceptor;

    public SelectorEchoServer(ServerConfig config) {
        this.config = config;
        // Each connection owns one direct buffer of the configured size for its whole life.
        this.admission = new Admission(ID, ConnectionBudget.forServer(ID, config.bufferBytes(),
                new ConnectionBudget.PerConnection(0, config.connectionBufferBytes())));
        this.work = MessageWork.of(config);
        this.pool = work.blocks() && config.offloadThreads() > 0
                ? new OffloadPool(ID + "-offload", config.offloadThreads(), config.offloadQueue()) : null;
    }

    private SelectorHandler.Factory connections() {
        int bufferBytes = config.bufferBytes();
        if (!work.any()) return (channel, loop, onClose) -> new SelectorConnection(channel, bufferBytes, onClose);
        return (channel, loop, onClose) -> new SelectorWorkConnection(channel, loop, work, pool, bufferBytes, onClose);
    }

    @Override
    public synchronized InetSocketAddress start() throws IOException {
        if (closed || serverChannel != null) throw new IllegalStateException(ID + " server already started or closed");
        serverChannel = ServerSocketChannel.open();
        try {
            serverChannel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            serverChannel.bind(new InetSocketAddress(config.bindAddress(), config.port()), ServerConfig.DEFAULT_BACKLOG);
            for (int i = 0; i < config.threads(); i++) {
                SelectorEventLoop loop = new SelectorEventLoop(ID + "-loop-" + i, connections(), admission);
                loops.add(loop);
                loop.start();   // started at once, so that close() after a failure here stops it
            }
        } catch (IOException e) {
            close();
            throw e;
        }
        acceptor = new Thread(this::acceptLoop, ID + "-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
        return (InetSocketAddress) serverChannel.getLocalAddress();
    }

    private void acceptLoop() {
        int next = 0;
        while (!closed) {
            SocketChannel channel;
            try {
                channel = admission.accept(serverChannel::accept);
            } catch (IOException e) {
                if (closed || !serverChannel.isOpen()) return;
                acceptBackoff.failed(e);
                continue;
            }
            if (channel == null) continue;   // refused: out of descriptors or beyond the memory budget
            loops.get(next).adopt(channel);
            next = (next + 1) % loops.size();
        }
    }

    /** Stops accepting, then stops every loop (each closes its connections and selector); idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) return;
            closed = true;
        }
        long deadlineNanos = Shutdown.deadlineNanos();
        Shutdown.closeQuietly(serverChannel);
        // The acceptor has ended before the loops stop, so no connection is handed to a stopped loop.
        Shutdown.joinAll(ID, Collections.singletonList(acceptor), deadlineNanos);   // null if never started
        loops.forEach(SelectorEventLoop::stop);
        Shutdown.joinAll(ID, loops.stream().map(SelectorEventLoop::thread).toList(), deadlineNanos);
        if (pool != null) pool.close();
        admission.close();
    }
}
