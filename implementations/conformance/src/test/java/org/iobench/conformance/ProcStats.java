package org.iobench.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** What Linux says about a server process, read from /proc: memory, threads, descriptors, listeners. */
final class ProcStats {
    private static final String TCP_LISTEN = "0A";

    private ProcStats() {
    }

    static long rssKiB(long pid) {
        return statusField(pid, "VmRSS:");
    }

    static long threads(long pid) {
        return statusField(pid, "Threads:");
    }

    static long openFds(long pid) {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return fds.count();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list /proc/" + pid + "/fd", e);
        }
    }

    private static long statusField(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/" + pid + "/status (has the server exited?)", e);
        }
        throw new IllegalStateException("no " + field + " in /proc/" + pid + "/status");
    }

    /**
     * The local addresses of every listening TCP socket on {@code port} in the server's network
     * namespace (IPv4 and IPv6 tables). An IPv4-mapped IPv6 address (a JVM's dual-stack socket bound
     * to 127.0.0.1) is returned as the IPv4 address it stands for.
     */
    static List<InetAddress> listenersOn(long pid, int port) {
        List<InetAddress> found = new ArrayList<>();
        for (String table : List.of("tcp", "tcp6")) {
            Path path = Path.of("/proc", Long.toString(pid), "net", table);
            if (!Files.exists(path)) continue;
            try {
                for (String line : Files.readAllLines(path)) {
                    String[] cols = line.trim().split("\\s+");
                    // sl local_address rem_address st ...; the header line has no ':' in column 1
                    if (cols.length < 4 || !cols[1].contains(":") || !cols[3].equals(TCP_LISTEN)) continue;
                    String[] local = cols[1].split(":");
                    if (Integer.parseInt(local[1], 16) == port) found.add(decode(local[0]));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path, e);
            }
        }
        return found;
    }

    /** /proc/net/tcp{,6} print addresses as 32-bit words, each in host (little-endian) byte order. */
    private static InetAddress decode(String hex) throws UnknownHostException {
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int b = 0; b < 4; b++) {
                int at = (word * 4 + (3 - b)) * 2;
                bytes[word * 4 + b] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
            }
        }
        // InetAddress.getByAddress turns ::ffff:a.b.c.d into the Inet4Address a.b.c.d by itself.
        return InetAddress.getByAddress(bytes);
    }
}
