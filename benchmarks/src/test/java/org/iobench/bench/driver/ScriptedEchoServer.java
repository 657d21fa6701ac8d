package org.iobench.bench.driver;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A trivial in-process echo server (one platform thread per connection) that can misbehave on cue,
 * so the driver's error handling can be tested: flip one byte, go silent, close, or pause once.
 * Connections are numbered in accept order; the driver connects in index order, so with
 * {@code maxPendingConnects = 1} server connection 0 is driver connection 0.
 */
final class ScriptedEchoServer implements AutoCloseable {
    /** Stream position at which connection 0's echo gets one byte flipped; -1 = never. */
    volatile long corruptAtByte = -1;
    /** Each connection stops echoing (but stays open) after this many bytes; -1 = never. */
    volatile long stallAfterBytes = -1;
    /** Only connection 0 stalls (the others keep echoing). */
    volatile boolean stallOnlyFirstConnection;
    /** Each connection is closed after echoing this many bytes; -1 = never. */
    volatile long closeAfterBytes = -1;
    /** Once, this long after start, every connection pauses for pauseMillis before echoing on. */
    volatile long pauseAtMillis = -1;
    volatile long pauseMillis;
    /** Connections 0 and 1 get each other's echoes (cross-talk); both must have connected. */
    volatile boolean swapFirstTwoConnections;
    /** Remote (driver-side) addresses in accept order. */
    final List<InetAddress> peers = new CopyOnWriteArrayList<>();

    final AtomicLong bytesReceived = new AtomicLong();
    private final ServerSocket listener;
    private final AtomicInteger accepted = new AtomicInteger();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final long startNanos = System.nanoTime();

    ScriptedEchoServer() throws IOException {
        listener = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("scripted-accept").start(this::acceptLoop);
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort());
    }

    private void acceptLoop() {
        try {
            while (true) {
                Socket socket = listener.accept();
                sockets.add(socket);
                peers.add(socket.getInetAddress());
                int index = accepted.getAndIncrement();
                Thread.ofPlatform().daemon().name("scripted-echo-" + index).start(() -> echo(socket, index));
            }
        } catch (IOException closed) {
            // listener closed: the test is over
        }
    }

    private void echo(Socket socket, int index) {
        byte[] buffer = new byte[8192];
        long position = 0;
        boolean paused = false;
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = echoTarget(socket, index)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                bytesReceived.addAndGet(n);
                if (!paused && pauseAtMillis >= 0 && (System.nanoTime() - startNanos) / 1_000_000 >= pauseAtMillis) {
                    paused = true;
                    Thread.sleep(pauseMillis);
                }
                if (stallAfterBytes >= 0 && position + n > stallAfterBytes && (index == 0 || !stallOnlyFirstConnection)) {
                    n = (int) Math.max(0, stallAfterBytes - position);
                    out.write(buffer, 0, n);
                    Thread.sleep(Long.MAX_VALUE); // silent but open, until the test closes the socket
                }
                if (index == 0 && corruptAtByte >= position && corruptAtByte < position + n) {
                    buffer[(int) (corruptAtByte - position)] ^= 0x5A;
                }
                if (closeAfterBytes >= 0 && position + n >= closeAfterBytes) {
                    out.write(buffer, 0, (int) (closeAfterBytes - position));
                    return;
                }
                out.write(buffer, 0, n);
                position += n;
            }
        } catch (IOException | InterruptedException e) {
            // the driver closed or the test ended
        }
    }

    /** Where connection {@code index}'s echo goes: its own socket, or with the swap its partner's. */
    private OutputStream echoTarget(Socket socket, int index) throws IOException, InterruptedException {
        if (!swapFirstTwoConnections || index > 1) return socket.getOutputStream();
        while (sockets.size() < 2) Thread.sleep(1);
        return sockets.get(1 - index).getOutputStream();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : sockets) socket.close();
    }
}
