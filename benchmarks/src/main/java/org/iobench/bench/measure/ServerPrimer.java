package org.iobench.bench.measure;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;

/**
 * Serves a few echoes on one connection, then closes it, so that a server's first-traffic costs are
 * paid before its idle memory is sampled: Netty's pooled allocator takes its first 4 MiB chunk, the
 * native io_uring server its 4 MiB provided-buffer ring, a JVM its first compiled code. Those are the
 * cost of serving at all, not of each connection; left out of the baseline, 4 MiB read as 400 KiB
 * per connection at 10 connections (and as 41 KiB for native-io-uring at 100 in results/2026-11-27-vm).
 *
 * <p>Bounded by count and time (a silent server times out after 5 s); every echo is checked, so a
 * broken server fails here, clearly.
 */
public final class ServerPrimer {
    /** Echoes on the priming connection; enough for the first allocations, not for a JIT warm-up. */
    public static final int PRIMING_ECHOES = 2_000;
    /** At most this long, however slow the server. */
    public static final long PRIMING_MILLIS = 500;

    private ServerPrimer() {
    }

    /** Echoes up to {@link #PRIMING_ECHOES} messages of {@code payloadBytes} and closes the connection. */
    public static int prime(InetSocketAddress server, int payloadBytes) throws IOException {
        byte[] message = new byte[payloadBytes];
        for (int i = 0; i < payloadBytes; i++) message[i] = (byte) ('a' + i % 26);
        byte[] echo = new byte[payloadBytes];
        long deadline = System.nanoTime() + PRIMING_MILLIS * 1_000_000;
        int echoes = 0;
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) PRIMING_MILLIS * 10);
            socket.connect(server, (int) PRIMING_MILLIS * 10);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            while (echoes < PRIMING_ECHOES && System.nanoTime() < deadline) {
                out.write(message);
                if (in.readNBytes(echo, 0, payloadBytes) < payloadBytes) {
                    throw new IOException("the server closed the priming connection after " + echoes + " echoes");
                }
                if (!Arrays.equals(echo, message)) throw new IOException("the server echoed other bytes than it was sent while priming");
                echoes++;
            }
        }
        return echoes;
    }
}
