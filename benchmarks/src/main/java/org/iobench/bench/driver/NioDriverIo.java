package org.iobench.bench.driver;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.function.Consumer;

/**
 * The JDK's NIO: one Selector (level-triggered epoll underneath), non-blocking SocketChannels. The
 * selector's {@code select(Consumer)} creates no selected-key set entries or iterators.
 */
final class NioDriverIo extends DriverIo {
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
        return ConnectionOpener.open(selector, server, count, limits, sources);
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
    void closeAll(Connection[] connections) {
        ConnectionOpener.closeAll(connections);
        try {
            selector.close();
        } catch (IOException ignored) {
            // the sockets are closed; the selector's own descriptor goes with the process at worst
        }
    }
}
