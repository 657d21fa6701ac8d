package org.iobench.jdk;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * One event loop of {@link SelectorEchoServer}: a thread, a selector and the connections registered
 * with it. Only this thread touches the selector's keys; other threads talk to it through
 * {@link #adopt} (a queue plus {@code wakeup()}) and {@link #stop}.
 */
final class SelectorEventLoop implements Runnable {
    private final Selector selector;
    private final int bufferBytes;
    private final Thread thread;
    /** Accepted channels waiting to be registered by this loop's thread (a Selector is not thread-safe to register with while selecting). */
    private final Queue<SocketChannel> adopted = new ConcurrentLinkedQueue<>();
    /** Created once: select(Consumer) with a reused action allocates nothing per event. */
    private final Consumer<SelectionKey> dispatch = key -> ((SelectorConnection) key.attachment()).onReady(key);
    private volatile boolean running = true;

    SelectorEventLoop(String name, int bufferBytes) throws IOException {
        this.selector = Selector.open();
        this.bufferBytes = bufferBytes;
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

    /** Asks the loop to end; it closes its connections and its selector on the way out. */
    void stop() {
        running = false;
        selector.wakeup();
    }

    @Override
    public void run() {
        try {
            while (running) {
                selector.select(dispatch);
                registerAdopted();
            }
        } catch (IOException | RuntimeException e) {
            // Not a connection's failure (those are handled in SelectorConnection): the loop itself broke.
            if (running) System.err.println("iobench: " + thread.getName() + " stopped: " + e);
        } finally {
            closeEverything();
        }
    }

    private void registerAdopted() {
        for (SocketChannel channel; (channel = adopted.poll()) != null; ) {
            try {
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                channel.register(selector, SelectionKey.OP_READ, new SelectorConnection(channel, bufferBytes));
            } catch (IOException e) {
                Shutdown.closeQuietly(channel);   // the client left before we got to it
            }
        }
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
