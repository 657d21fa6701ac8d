package org.iobench.bench.measure;

import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs one diagnostic command in another HotSpot JVM of this user, as {@code jcmd <pid> <command>}
 * does, but without starting a JVM for jcmd (half a second of CPU on the driver's core): the
 * HotSpot attach protocol over the JVM's Unix socket {@code /tmp/.java_pid<pid>}. If the socket is
 * not there yet, an {@code .attach_pid<pid>} file in the JVM's working directory plus a SIGQUIT
 * make the JVM open it (its Attach Listener thread then stays).
 *
 * <p>Protocol version 1, as the JDK's own client (sun.tools.attach.VirtualMachineImpl): the strings
 * "1", "jcmd", the command line and two empty arguments, each NUL-terminated; the reply is a status
 * line ("0" = done) and the command's output.
 */
public final class HotSpotAttach {
    static final long SOCKET_WAIT_MILLIS = 5_000;

    private HotSpotAttach() {
    }

    /** The command's output; an IOException with the JVM's reply when it did not run. */
    public static String jcmd(long pid, String commandLine) throws IOException {
        Path socket = Path.of("/proc", Long.toString(pid), "root", "tmp", ".java_pid" + pid);
        if (!Files.exists(socket)) startAttachListener(pid, socket);
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            ByteBuffer request = StandardCharsets.UTF_8.encode("1\0jcmd\0" + commandLine + "\0\0\0");
            while (request.hasRemaining()) channel.write(request);
            InputStream in = Channels.newInputStream(channel);
            String reply = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int newline = reply.indexOf('\n');
            String status = newline < 0 ? reply.strip() : reply.substring(0, newline).strip();
            if (!status.equals("0")) {
                throw new IOException("jcmd " + pid + " " + commandLine + " failed: " + reply.strip().replace('\n', ' '));
            }
            return newline < 0 ? "" : reply.substring(newline + 1);
        }
    }

    private static void startAttachListener(long pid, Path socket) throws IOException {
        // the JVM looks in its working directory, then in its /tmp
        Path trigger = Path.of("/proc", Long.toString(pid), "cwd", ".attach_pid" + pid);
        try {
            Files.deleteIfExists(trigger);
            Files.createFile(trigger);
        } catch (IOException notWritable) {
            trigger = socket.resolveSibling(".attach_pid" + pid);
            Files.deleteIfExists(trigger);
            Files.createFile(trigger);
        }
        try {
            Process kill = new ProcessBuilder("kill", "-QUIT", Long.toString(pid)).redirectErrorStream(true).start();
            if (!kill.waitFor(SOCKET_WAIT_MILLIS, TimeUnit.MILLISECONDS) || kill.exitValue() != 0) {
                throw new IOException("cannot signal JVM " + pid + ": " + new String(kill.getInputStream().readAllBytes()).strip());
            }
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SOCKET_WAIT_MILLIS);
            while (!Files.exists(socket)) {
                if (System.nanoTime() > deadline) throw new IOException("JVM " + pid + " opened no attach socket (" + socket + ")");
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while attaching to JVM " + pid, e);
        } finally {
            Files.deleteIfExists(trigger);
        }
    }
}
