package org.iobench.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * Blocking-socket helpers for the probes. Every read has a timeout, and reads always loop until the
 * expected count: one read is never assumed to be one message.
 */
final class Wire {
    static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    static final int READ_TIMEOUT_MILLIS = 10_000;
    private static final int CHUNK_BYTES = 64 * 1024;

    private Wire() {
    }

    static Socket connect(InetSocketAddress address) throws IOException {
        return connect(address, 0, 0);
    }

    /** With explicit socket buffer sizes (0 = the kernel's autotuned default); set before connecting. */
    static Socket connect(InetSocketAddress address, int sendBufferBytes, int receiveBufferBytes) throws IOException {
        Socket socket = new Socket();
        try {
            if (sendBufferBytes > 0) socket.setSendBufferSize(sendBufferBytes);
            if (receiveBufferBytes > 0) socket.setReceiveBufferSize(receiveBufferBytes);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            socket.connect(address, CONNECT_TIMEOUT_MILLIS);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Writes the bytes's bytes {@code [from, from+length)} in chunks of at most 64 KiB. */
    static void write(Socket socket, SeededBytes bytes, long from, long length) throws IOException {
        byte[] chunk = new byte[(int) Math.min(CHUNK_BYTES, Math.max(1, length))];
        for (long done = 0; done < length; ) {
            int n = (int) Math.min(chunk.length, length - done);
            bytes.fill(chunk, 0, n, from + done);
            socket.getOutputStream().write(chunk, 0, n);
            done += n;
        }
    }

    /**
     * Reads exactly {@code length} bytes and checks them against the bytes from {@code from}. Fails
     * with the offset of the first differing byte, or with how many bytes came before EOF / silence.
     */
    static void expectEcho(ServerUnderTest server, String what, Socket socket, SeededBytes bytes, long from, long length)
            throws IOException {
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[(int) Math.min(CHUNK_BYTES, Math.max(1, length))];
        long got = 0;
        while (got < length) {
            int n;
            try {
                n = in.read(buffer, 0, (int) Math.min(buffer.length, length - got));
            } catch (SocketTimeoutException e) {
                throw server.failure(what + ": no byte for " + socket.getSoTimeout() + " ms after " + got + " of "
                        + length + " bytes were echoed");
            } catch (IOException e) {
                throw server.failure(what + ": " + e.getMessage() + " after " + got + " of " + length + " bytes were echoed");
            }
            if (n < 0) {
                throw server.failure(what + ": connection closed by the server after " + got + " of " + length
                        + " bytes were echoed");
            }
            int bad = bytes.firstMismatch(buffer, n, from + got);
            if (bad >= 0) {
                long offset = got + bad;
                throw server.failure(String.format("%s: echo differs at offset %d of %d (expected 0x%02x, got 0x%02x)",
                        what, offset, length, bytes.byteAt(from + offset) & 0xff, buffer[bad] & 0xff));
            }
            got += n;
        }
    }

    /** After the full echo, the server must close its side: the next read is EOF, not data or silence. */
    static void expectEof(ServerUnderTest server, String what, Socket socket) throws IOException {
        try {
            int next = socket.getInputStream().read();
            if (next >= 0) throw server.failure(what + ": got an extra byte after the full echo instead of EOF");
        } catch (SocketTimeoutException e) {
            throw server.failure(what + ": every byte came back but no EOF within " + socket.getSoTimeout() + " ms");
        }
    }

    /** One message written whole, then read back whole. */
    static void roundTrip(ServerUnderTest server, String what, Socket socket, SeededBytes bytes, long from, int length)
            throws IOException {
        write(socket, bytes, from, length);
        expectEcho(server, what, socket, bytes, from, length);
    }
}
