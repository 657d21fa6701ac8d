package org.iobench.jdk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import org.iobench.api.Admission;
import org.iobench.api.RateLimitedLog;

/**
 * One event loop of {@link SelectorEchoServer}: a thread, a selector and the connections registered
 * with it. Only this thread touches the selector's keys; other threads talk to it through
 * {@link #adopt} and {@link #execute} (a queue plus {@code wakeup()}) and {@link #stop}.
 */
final class SelectorEventLoop implements Runnable {
    private final Selector selector;
    private final SelectorHandler.Factory connections;
    private final Admission admission;
    private final RateLimitedLog log;
    private final Thread thread;
    /** Accepted channels waiting to be registered by this loop's thread (a Selector is not thread-safe to register with while selecting). */
    private final Queue<SocketChannel> adopted = new ConcurrentLinkedQueue<>();
    /** Tasks other threads hand to this loop (an offload pool's finished work); run on this thread. */
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** Created once: select(Consumer) with a reused action allocates nothing per event. */
    private final Consumer<SelectionKey> dispatch = key -> ((SelectorHandler) key.attachment()).onReady(key);
    private volatile boolean running = true;

    /** {@code connections} makes each adopted connection's handler; {@code admission} is told when each ends. */
    SelectorEventLoop(String name, SelectorHandler.Factory connections, Admission admission) throws IOException {
        this.selector = Selector.open();
        this.connections = connections;
        this.admission = admission;
        this.log = new RateLimitedLog(name);
        this.thread = new Thread(this, name);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    Thread thread() {
        return thread;
    }

    /** Called by the acceptor: this loop will serve the channel from its next turn on. */
    void adopt(SocketChannel channel) {
        adopted.add(channel);
        selector.wakeup();
    }

    /** Called from any thread: the loop runs {@code task} on its own thread at its next turn (never after it stopped). */
    void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    /** Asks the loop to end; it closes its connections and its selector on the way out. */
    void stop() {
        running = false;
        selector.wakeup();
    }

    /**
     * A failure here is not a connection's (those end in SelectorConnection) but the loop's own, and
     * it is let through to end the process (ServerMain's uncaught-exception handler): a server whose
     * loop died would go on listening and hand new connections to a loop that never serves them.
     */
    @Override
    public void run() {
        try {
            while (running) {
                selector.select(dispatch);
                registerAdopted();
                for (Runnable task; (task = tasks.poll()) != null; ) task.run();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(thread.getName() + ": the selector failed", e);
        } finally {
            closeEverything();
        }
    }

    private void registerAdopted() {
        for (SocketChannel channel; (channel = adopted.poll()) != null; ) {
            try {
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                channel.register(selector, SelectionKey.OP_READ, connections.create(channel, this, admission::release));
            } catch (IOException e) {
                refuse(channel);   // the client left before we got to it
            } catch (OutOfMemoryError e) {
                // The budget keeps connection buffers within the limit, but direct memory is shared
                // with the JDK's own buffers: refuse this connection rather than lose the loop.
                refuse(channel);
                log.log("refused a connection: " + e.getMessage());
            }
        }
    }

    private void refuse(SocketChannel channel) {
        Shutdown.closeQuietly(channel);
        admission.release();
    }

    private void closeEverything() {
        running = false;
        if (selector.isOpen()) {
            for (SelectionKey key : selector.keys()) Shutdown.closeQuietly(key.channel());
        }
        for (SocketChannel channel; (channel = adopted.poll()) != null; ) Shutdown.closeQuietly(channel);
        Shutdown.closeQuietly(selector);
    }
}
