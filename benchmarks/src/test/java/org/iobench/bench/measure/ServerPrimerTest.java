package org.iobench.bench.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ServerPrimerTest {

    /** Serves one connection on loopback, sending back each byte read through {@code echo}. */
    private static InetSocketAddress serveOnce(IntUnaryOperator echo) throws IOException {
        ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread server = new Thread(() -> {
            try (listener; Socket socket = listener.accept()) {
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream();
                for (int b = in.read(); b >= 0; b = in.read()) out.write(echo.applyAsInt(b));
            } catch (IOException closed) {
                // the primer hung up
            }
        }, "primer-test-server");
        server.setDaemon(true);
        server.start();
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    @Test
    @Timeout(30)
    void servesItsEchoesAndHangsUp() throws IOException {
        int echoes = ServerPrimer.prime(serveOnce(b -> b), 64);
        // bounded by count, or by time on a slow machine; never zero against a working server
        assertTrue(echoes > 0 && echoes <= ServerPrimer.PRIMING_ECHOES, "echoes " + echoes);
    }

    @Test
    @Timeout(30)
    void aServerThatEchoesOtherBytesFailsClearly() throws IOException {
        IOException e = assertThrows(IOException.class, () -> ServerPrimer.prime(serveOnce(b -> b ^ 1), 64));
        assertEquals("the server echoed other bytes than it was sent while priming", e.getMessage());
    }
}
