package org.iobench.bench.driver;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * Opens N non-blocking connections to one server, at most {@code maxPendingConnects} attempts at a
 * time (a burst of 10,000 SYNs would overflow the server's accept queue and cost 1 s SYN retries),
 * all within the connect timeout, each bound first to its source address when there are several (see
 * {@link SourceAddresses}). Any failure closes what was opened and explains itself.
 */
final class ConnectionOpener {
    private ConnectionOpener() {
    }

    static Connection[] open(Selector selector, InetSocketAddress server, int count, DriverLimits limits,
                             SourceAddresses sources) throws IOException {
        Connection[] connections = new Connection[count];
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limits.connectTimeoutMillis());
        int started = 0;
        int established = 0;
        int pending = 0;
        try {
            while (established < count) {
                while (pending < limits.maxPendingConnects() && started < count) {
                    Connection c = new Connection(started, openChannel(started, count, sources.forConnection(started)));
                    connections[started++] = c;
                    if (c.channel.connect(server)) {
                        c.key = c.channel.register(selector, SelectionKey.OP_READ, c);
                        established++;
                    } else {
                        c.key = c.channel.register(selector, SelectionKey.OP_CONNECT, c);
                        pending++;
                    }
                }
                long remainingNanos = deadline - System.nanoTime();
                if (remainingNanos <= 0) {
                    throw new IOException("only " + established + " of " + count + " connections to " + server
                            + " were established within " + limits.connectTimeoutMillis()
                            + " ms (server overloaded, small accept backlog, or at its descriptor limit?)");
                }
                if (pending == 0) continue;
                selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remainingNanos)));
                for (SelectionKey key : selector.selectedKeys()) {
                    Connection c = (Connection) key.attachment();
                    finish(c, server, count);
                    key.interestOps(SelectionKey.OP_READ);
                    pending--;
                    established++;
                }
                selector.selectedKeys().clear();
            }
            return connections;
        } catch (IOException | RuntimeException e) {
            closeAll(connections);
            throw e;
        }
    }

    private static SocketChannel openChannel(int index, int count, InetAddress source) throws IOException {
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (source != null) bind(channel, source, index, count);
            return channel;
        } catch (IOException e) {
            if (channel != null) channel.close();
            if (String.valueOf(e.getMessage()).contains("Too many open files")) {
                throw new IOException("cannot open connection " + (index + 1) + " of " + count
                        + ": too many open files in the driver process (raise 'ulimit -n', now too low for "
                        + count + " connections)", e);
            }
            throw e;
        }
    }

    /** Port 0: the kernel picks a port free on this source address (the whole point of spreading). */
    private static void bind(SocketChannel channel, InetAddress source, int index, int count) throws IOException {
        try {
            channel.bind(new InetSocketAddress(source, 0));
        } catch (IOException e) {
            throw new IOException("cannot bind connection " + (index + 1) + " of " + count + " to source address "
                    + source.getHostAddress() + ": " + e.getMessage() + " (ephemeral ports of that address used up?)", e);
        }
    }

    private static void finish(Connection c, InetSocketAddress server, int count) throws IOException {
        try {
            if (!c.channel.finishConnect()) throw new IOException("connect not finished after it was reported ready");
        } catch (ConnectException e) {
            throw new IOException("connection " + (c.index + 1) + " of " + count + " to " + server + " failed: "
                    + e.getMessage() + " (is the server running, and below its descriptor limit?)", e);
        }
    }

    static void closeAll(Connection[] connections) {
        for (Connection c : connections) {
            if (c == null) continue;
            try {
                c.channel.close();
            } catch (IOException ignored) {
                // closing; nothing left to do with this socket
            }
        }
    }
}
