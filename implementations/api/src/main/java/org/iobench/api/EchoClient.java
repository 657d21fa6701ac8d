package org.iobench.api;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * The seed's client, done right: connects, sends one message, reads until every byte of it has come
 * back (one read is not one message), prints {@code Received from server: <echo>}. A refused
 * connection, a timeout or a short or different echo is a one-line error and a non-zero exit.
 * <pre>echo-client [--host H] [--port N] [--message TEXT] [--timeout-millis N]</pre>
 */
public final class EchoClient {
    static final String USAGE = "usage: echo-client [--host H] [--port N] [--message TEXT] [--timeout-millis N]"
            + "\n  defaults: --host 127.0.0.1 --port 8080 --message 'Hello from client' --timeout-millis 5000";

    private EchoClient() {
    }

    public static void main(String[] args) {
        String host = "127.0.0.1";
        int port = 8080;
        int timeoutMillis = 5000;
        String message = "Hello from client";
        try {
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                if (flag.equals("-h") || flag.equals("--help")) {
                    System.out.println(USAGE);
                    return;
                }
                if (i + 1 >= args.length) throw new IllegalArgumentException(flag + " needs a value");
                String value = args[++i];
                switch (flag) {
                    case "--host" -> host = value;
                    case "--port" -> port = parse(flag, value, 1, 65535);
                    case "--message" -> message = value;
                    case "--timeout-millis" -> timeoutMillis = parse(flag, value, 1, 3_600_000);
                    default -> throw new IllegalArgumentException("unknown option '" + flag + "'");
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("echo-client: " + e.getMessage() + "\n" + USAGE);
            System.exit(2);
        }
        try {
            String echo = roundTrip(host, port, message, timeoutMillis);
            System.out.println("Received from server: " + echo);
        } catch (IOException e) {
            System.err.println("echo-client: " + e.getMessage());
            System.exit(1);
        }
    }

    static String roundTrip(String host, int port, String message, int timeoutMillis) throws IOException {
        byte[] sent = message.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket()) {
            try {
                socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            } catch (ConnectException e) {
                throw new IOException("cannot connect to " + host + ":" + port + ": " + e.getMessage(), e);
            }
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(timeoutMillis);
            socket.getOutputStream().write(sent);
            socket.getOutputStream().flush();
            byte[] received = new byte[sent.length];
            InputStream in = socket.getInputStream();
            int got = 0;
            try {
                while (got < received.length) {
                    int n = in.read(received, got, received.length - got);
                    if (n < 0) break;
                    got += n;
                }
            } catch (SocketTimeoutException e) {
                throw new IOException("timed out after " + timeoutMillis + " ms with " + got + " of "
                        + sent.length + " bytes echoed", e);
            }
            if (got < sent.length) {
                throw new IOException("server closed the connection after echoing " + got + " of " + sent.length + " bytes");
            }
            if (!java.util.Arrays.equals(sent, received)) {
                throw new IOException("echo differs from what was sent: '" + new String(received, StandardCharsets.UTF_8) + "'");
            }
            return new String(received, StandardCharsets.UTF_8);
        }
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
}
