package org.iobench.bench.driver;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;

/**
 * The JDK's NIO: one Selector (level-triggered epoll underneath), non-blocking SocketChannels. The
 * selector's {@code select(Consumer)} creates no selected-key set entries or iterators.
 */
final class NioDriverIo extends DriverIo implements ConnectionOpener.Dialer {
    private final Selector selector;
    private final Consumer<SelectionKey> onKey = this::onKey;
    private ReadyHandler handler;

    NioDriverIo() throws IOException {
        selector = Selector.open();
    }

    @Override
    DriverIoKind kind() {
        return DriverIoKind.NIO;
    }

    @Override
    Connection[] connect(InetSocketAddress server, int count, DriverLimits limits, SourceAddresses sources) throws IOException {
        return ConnectionOpener.open(this, server, count, limits, sources);
    }

    @Override
    public Connection socket(int index) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            return new Connection(index, channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public void bind(Connection c, InetAddress source) throws IOException {
        c.channel.bind(new InetSocketAddress(source, 0));
    }

    @Override
    public boolean startConnect(Connection c, InetSocketAddress server) throws IOException {
        boolean connected = c.channel.connect(server);
        c.key = c.channel.register(selector, connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, c);
        return connected;
    }

    @Override
    public void awaitConnects(long timeoutMillis, ConnectionOpener.ConnectCompleted completed) throws IOException {
        selector.select(timeoutMillis);
        try {
            for (SelectionKey key : selector.selectedKeys()) completed.completed((Connection) key.attachment());
        } finally {
            selector.selectedKeys().clear();
        }
    }

    @Override
    public void finishConnect(Connection c) throws IOException {
        if (!c.channel.finishConnect()) throw new IOException("connect not finished after it was reported ready");
        c.key.interestOps(SelectionKey.OP_READ);
    }

    @Override
    void poll(long timeoutMillis, ReadyHandler handler) throws IOException {
        this.handler = handler;
        if (timeoutMillis <= 0) selector.selectNow(onKey);
        else selector.select(onKey, timeoutMillis);
    }

    private void onKey(SelectionKey key) {
        Connection c = (Connection) key.attachment();
        handler.ready(c, key.isReadable(), key.isValid() && key.isWritable());
    }

    @Override
    int read(Connection c, ByteBuffer into) throws IOException {
        return c.channel.read(into);
    }

    @Override
    int write(Connection c, ByteBuffer from) throws IOException {
        return c.channel.write(from);
    }

    @Override
    void watchWrites(Connection c, boolean on) {
        c.key.interestOps(on ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    @Override
    void close(Connection c) {
        c.key.cancel();
        try {
            c.channel.close();
        } catch (IOException ignored) {
            // it failed already; the error is counted
        }
    }

    @Override
    public void closeAll(Connection[] connections) {
        for (Connection c : connections) {
            if (c == null) continue;
            try {
                c.channel.close();
            } catch (IOException ignored) {
                // closing; nothing left to do with this socket
            }
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // the sockets are closed; the selector's own descriptor goes with the process at worst
        }
    }
}
