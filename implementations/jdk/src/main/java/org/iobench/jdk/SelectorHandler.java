package org.iobench.jdk;

import java.nio.channels.SelectionKey;

/** What a {@link SelectorEventLoop} calls when a connection's key is ready; the key's attachment. */
interface SelectorHandler {
    void onReady(SelectionKey key);

    /** Makes a connection's handler on its loop; {@code onClose} gives its admission back. */
    @FunctionalInterface
    interface Factory {
        SelectorHandler create(java.nio.channels.SocketChannel channel, SelectorEventLoop loop, Runnable onClose);
    }
}
