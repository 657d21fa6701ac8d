package org.iobench.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The seed's client, done right: connects, sends one message, reads until every byte of it has come
 * back (one read is not one message), prints {@code Received from server: <echo>}. A refused
 * connection, a timeout or a short or different echo is a one-line error and a non-zero exit.
 *
 * <p>A message from {@code --message-file} or {@code --stdin} is sent byte for byte, whatever it
 * holds (no argument-length limit, no decoding); then the client reports the size rather than print
 * the echo. A {@code --message} is text: one with U+FFFD, what the JVM puts where the argument was
 * not valid UTF-8, is refused rather than sent altered.
 */
public final class EchoClient {
    static final String USAGE = """
            usage: echo-client [--host H] [--port N] [--message TEXT | --message-file PATH | --stdin] [--timeout-millis N]
              defaults: --host 127.0.0.1 --port 8080 --message 'Hello from client' --timeout-millis 5000
              --message-file / --stdin send the bytes exactly (up to %d MiB) and print only their count""".formatted(
            Message.MAX_BYTES >> 20);

    private EchoClient() {
    }

    public static void main(String[] args) {
        String host = "127.0.0.1";
        int port = 8080;
        int timeoutMillis = 5000;
        Message message;
        try {
            String text = null;
            Path file = null;
            boolean stdin = false;
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                if (flag.equals("-h") || flag.equals("--help")) {
                    System.out.println(USAGE);
                    return;
                }
                if (flag.equals("--stdin")) {
                    stdin = true;
                    continue;
                }
                if (i + 1 >= args.length) throw new IllegalArgumentException(flag + " needs a value");
                String value = args[++i];
                switch (flag) {
                    case "--host" -> host = value;
                    case "--port" -> port = parse(flag, value, 1, 65535);
                    case "--message" -> text = value;
                    case "--message-file" -> file = Path.of(value);
                    case "--timeout-millis" -> timeoutMillis = parse(flag, value, 1, 3_600_000);
                    default -> throw new IllegalArgumentException("unknown option '" + flag + "'");
                }
            }
            message = Message.from(text, file, stdin);
        } catch (IllegalArgumentException e) {
            System.err.println("echo-client: " + e.getMessage() + "\n" + USAGE);
            System.exit(2);
            return;
        } catch (IOException e) {
            System.err.println("echo-client: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            byte[] echo = roundTrip(host, port, message.bytes(), timeoutMillis);
            print(System.out, message, echo);
        } catch (IOException e) {
            System.err.println("echo-client: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void print(PrintStream out, Message message, byte[] echo) {
        if (message.isText()) {
            out.print("Received from server: ");
            out.write(echo, 0, echo.length);   // the bytes as they came, not re-encoded
            out.println();
        } else {
            out.println("Received from server: " + echo.length + " bytes, identical to those sent");
        }
        out.flush();
    }

    /**
     * Sends {@code sent} while reading the echo on this thread: a message larger than the socket
     * buffers would deadlock a client that writes everything before it reads (the server stops
     * reading from a client that does not read its echo).
     */
    static byte[] roundTrip(String host, int port, byte[] sent, int timeoutMillis) throws IOException {
        InetAddress address = resolve(host);
        try (Socket socket = new Socket()) {
            try {
                socket.connect(new InetSocketAddress(address, port), timeoutMillis);
            } catch (ConnectException | SocketTimeoutException e) {
                throw new IOException("cannot connect to " + host + ":" + port + ": " + e.getMessage(), e);
            }
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(timeoutMillis);
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> send(socket, sent),
                    runnable -> Thread.ofPlatform().daemon().name("echo-client-writer").start(runnable));
            byte[] received = new byte[sent.length];
            int got = readFully(socket.getInputStream(), received, timeoutMillis, sent.length);
            awaitSent(sending);
            if (got < sent.length) {
                throw new IOException("server closed the connection after echoing " + got + " of " + sent.length + " bytes");
            }
            int at = Mismatch.firstDifference(sent, received);
            if (at >= 0) throw new IOException("echo differs from what was sent " + Mismatch.describe(sent, received, at));
            return received;
        }
    }

    private static InetAddress resolve(String host) throws IOException {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            // The JDK's message is "<host>: <resolver's reason>", or only the host when it has no reason.
            String message = e.getMessage() == null ? "" : e.getMessage();
            String reason = message.startsWith(host + ": ") ? message.substring(host.length() + 2)
                    : message.equals(host) || message.isBlank() ? "no address found" : message;
            throw new IOException("cannot resolve host '" + host + "': " + reason, e);
        }
    }

    private static void send(Socket socket, byte[] bytes) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void awaitSent(CompletableFuture<Void> sending) throws IOException {
        try {
            sending.get();
        } catch (ExecutionException e) {
            throw new IOException("sending failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while sending", e);
        }
    }

    private static int readFully(InputStream in, byte[] into, int timeoutMillis, int expected) throws IOException {
        int got = 0;
        try {
            while (got < into.length) {
                int n = in.read(into, got, into.length - got);
                if (n < 0) break;
                got += n;
            }
        } catch (SocketTimeoutException e) {
            throw new IOException("timed out after " + timeoutMillis + " ms with " + got + " of " + expected
                    + " bytes echoed", e);
        }
        return got;
    }

    private static int parse(String flag, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) throw new IllegalArgumentException(flag + " must be " + min + ".." + max + ", got " + n);
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " takes a whole number, got '" + value + "'");
        }
    }

    /** What to send: text from the command line, or bytes from a file or stdin. */
    record Message(byte[] bytes, boolean isText) {
        static final int MAX_BYTES = 256 << 20;
        static final String DEFAULT = "Hello from client";

        static Message from(String text, Path file, boolean stdin) throws IOException {
            int sources = (text != null ? 1 : 0) + (file != null ? 1 : 0) + (stdin ? 1 : 0);
            if (sources > 1) throw new IllegalArgumentException("give one of --message, --message-file, --stdin");
            if (file != null) {
                if (Files.isRegularFile(file) && Files.size(file) > MAX_BYTES) {
                    throw new IllegalArgumentException("--message-file " + file + " is larger than " + (MAX_BYTES >> 20) + " MiB");
                }
                try (InputStream in = Files.newInputStream(file)) {
                    return new Message(readAtMost(in, "--message-file " + file), false);
                } catch (IOException e) {
                    throw new IOException("cannot read --message-file " + file + ": " + e.getMessage(), e);
                }
            }
            if (stdin) return new Message(readAtMost(System.in, "--stdin"), false);
            String message = text == null ? DEFAULT : text;
            if (message.indexOf('\uFFFD') >= 0) {
                throw new IllegalArgumentException("--message is not valid UTF-8 (or holds U+FFFD); to send bytes "
                        + "exactly, use --message-file or --stdin");
            }
            if (message.isEmpty()) throw new IllegalArgumentException("--message is empty: nothing to echo");
            return new Message(message.getBytes(StandardCharsets.UTF_8), true);
        }

        private static byte[] readAtMost(InputStream in, String what) throws IOException {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) throw new IllegalArgumentException(what + " holds more than " + (MAX_BYTES >> 20) + " MiB");
            if (bytes.length == 0) throw new IllegalArgumentException(what + " is empty: nothing to echo");
            return bytes;
        }
    }
}
