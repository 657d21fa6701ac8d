package org.iobench.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Issue 7 point 8, the client's part: large messages, exact bytes, clear failures. */
@Timeout(60)
class EchoClientTest {

    @Test
    void aMessageLargerThanTheSocketBuffersComesBackWhole() throws Exception {
        byte[] sent = randomBytes(16 << 20);   // a client that wrote all before reading would deadlock here
        try (TestEchoServer server = new TestEchoServer(offset -> 0)) {
            assertArrayEquals(sent, EchoClient.roundTrip("127.0.0.1", server.port(), sent, 10_000));
        }
    }

    @Test
    void aMismatchIsReportedWithItsOffsetAndAnExcerptOnly() throws Exception {
        byte[] sent = "x".repeat(200_000).getBytes();
        try (TestEchoServer server = new TestEchoServer(offset -> offset == 100_000 ? 1 : 0)) {
            IOException e = assertThrows(IOException.class, () -> EchoClient.roundTrip("127.0.0.1", server.port(), sent, 10_000));
            assertTrue(e.getMessage().contains("at byte 100000 of 200000: sent '...xxxxxxxx"), e.getMessage());
            assertTrue(e.getMessage().contains("received '...xxxxxxxxy"), e.getMessage());
            assertTrue(e.getMessage().length() < 200, "the whole payload was printed: " + e.getMessage().length() + " chars");
        }
    }

    @Test
    void aResolutionFailureNamesTheHostAndTheReason() {
        IOException e = assertThrows(IOException.class, () -> EchoClient.roundTrip("nosuch.invalid", 9, new byte[1], 1_000));
        assertTrue(e.getMessage().matches("cannot resolve host 'nosuch\\.invalid': .+"), e.getMessage());
    }

    @Test
    void aFileIsSentByteForByteEvenWhenItIsNotText(@TempDir Path dir) throws Exception {
        byte[] notUtf8 = {(byte) 0xff, (byte) 0xfe, 'a', (byte) 0xc3};
        Path file = Files.write(dir.resolve("message.bin"), notUtf8);
        assertArrayEquals(notUtf8, EchoClient.Message.from(null, file, false).bytes());
    }

    @Test
    void textThatWasNotValidUtf8IsRefusedRatherThanSentAltered() {
        // What the JVM makes of an argument holding invalid UTF-8: U+FFFD in its place.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EchoClient.Message.from("abc\uFFFD", null, false));
        assertTrue(e.getMessage().contains("--message-file or --stdin"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EchoClient.Message.from("a", Path.of("x"), true));
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new Random(count).nextBytes(bytes);
        return bytes;
    }

    /** One connection, echoed with {@code delta(offset)} added to each byte (0: a true echo). */
    private static final class TestEchoServer implements AutoCloseable {
        private final ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        private final Thread thread;

        TestEchoServer(IntUnaryOperator delta) throws IOException {
            thread = Thread.ofPlatform().daemon().start(() -> {
                try (Socket socket = listener.accept()) {
                    InputStream in = socket.getInputStream();
                    OutputStream out = socket.getOutputStream();
                    byte[] buffer = new byte[64 * 1024];
                    long offset = 0;
                    for (int n; (n = in.read(buffer)) >= 0; offset += n) {
                        for (int i = 0; i < n; i++) buffer[i] += (byte) delta.applyAsInt((int) (offset + i));
                        out.write(buffer, 0, n);
                    }
                } catch (IOException e) {
                    // the client left
                }
            });
        }

        int port() {
            return listener.getLocalPort();
        }

        @Override
        public void close() throws Exception {
            listener.close();
            thread.join(5_000);
        }
    }
}
