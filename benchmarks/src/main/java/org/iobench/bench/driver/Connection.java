package org.iobench.bench.driver;

import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One connection's progress through its byte stream. Messages are numbered 0, 1, 2 ... on each
 * connection; message {@code j} occupies stream bytes {@code [j * payloadBytes, (j + 1) * payloadBytes)}.
 * Plain fields: only the driver thread touches them.
 */
final class Connection {
    final int index;
    final int patternOffset;
    /** NIO: the channel and its key; null with the epoll driver. */
    final SocketChannel channel;
    SelectionKey key;
    /** Epoll driver: the socket's descriptor, -1 once closed; -1 with NIO. */
    int fd = -1;
    boolean alive = true;
    boolean writeInterest;

    /** Open loop: messages the schedule has assigned to this connection so far. */
    long messagesScheduled;
    /** Open loop: message number at which the current schedule anchor starts (see LoadDriver.resumeAfterPause). */
    long scheduleBase;
    /** Messages committed to the send stream (stamped); their bytes may still be partly unwritten. */
    long messagesQueued;
    /** Bytes actually written to the socket. */
    long bytesSent;
    /** Bytes received and verified. */
    long bytesReceived;

    Connection(int index, SocketChannel channel) {
        this.index = index;
        this.patternOffset = EchoPattern.offsetOf(index);
        this.channel = channel;
    }

    Connection(int index, int fd) {
        this(index, (SocketChannel) null);
        this.fd = fd;
    }

    long messagesReceived(int payloadBytes) {
        return bytesReceived / payloadBytes;
    }

    long inFlight(int payloadBytes) {
        return alive ? messagesQueued - messagesReceived(payloadBytes) : 0;
    }
}
