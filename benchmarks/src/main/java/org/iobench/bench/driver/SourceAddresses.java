package org.iobench.bench.driver;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The local addresses the driver's connections are bound to before they connect. One local address
 * gives at most one connection per ephemeral port to a given server address and port (about 28,000
 * with Linux's default {@code ip_local_port_range}); past that, connections to a loopback server are
 * spread round-robin over 127.0.0.1, 127.0.0.2, ... (all of 127.0.0.0/8 is loopback, no setup needed).
 * Empty means the kernel chooses, as an unbound {@code connect} does.
 */
public record SourceAddresses(List<InetAddress> addresses) {
    /** Fewer than the whole ephemeral range per address: TIME_WAIT leftovers and other clients need some. */
    static final double USABLE_SHARE_OF_PORTS = 0.9;
    private static final Path PORT_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    /** Linux's default range, 32768-60999, when the real one cannot be read. */
    private static final int DEFAULT_EPHEMERAL_PORTS = 60999 - 32768 + 1;
    private static final int MAX_LOOPBACK_ADDRESSES = 254;

    public SourceAddresses {
        addresses = List.copyOf(addresses);
    }

    /** No binding: the kernel picks the source address and port. */
    public static SourceAddresses kernelChooses() {
        return new SourceAddresses(List.of());
    }

    /**
     * What {@code totalConnections} connections to {@code server} need, counted over every driver
     * thread of the process (each thread spreads its own share the same way, so the addresses stay
     * balanced): none when one address has ports enough or the server is not IPv4 loopback (then
     * the kernel's choice is all there is), else as many 127.0.0.x as the connections need.
     */
    public static SourceAddresses forTarget(InetSocketAddress server, int totalConnections) {
        return forTarget(server, totalConnections, usablePortsPerAddress());
    }

    static SourceAddresses forTarget(InetSocketAddress server, int totalConnections, int portsPerAddress) {
        InetAddress target = server.getAddress();
        if (totalConnections <= portsPerAddress || !(target instanceof Inet4Address) || !target.isLoopbackAddress()) {
            return kernelChooses();
        }
        int needed = Math.ceilDiv(totalConnections, portsPerAddress);
        if (needed > MAX_LOOPBACK_ADDRESSES) {
            throw new IllegalArgumentException(totalConnections + " connections need " + needed
                    + " loopback source addresses of " + portsPerAddress + " ports each; at most " + MAX_LOOPBACK_ADDRESSES);
        }
        List<InetAddress> addresses = new ArrayList<>(needed);
        for (int i = 1; i <= needed; i++) addresses.add(loopback(i));
        return new SourceAddresses(addresses);
    }

    /** The address connection {@code index} binds to, or null to leave it to the kernel. */
    InetAddress forConnection(int index) {
        return addresses.isEmpty() ? null : addresses.get(index % addresses.size());
    }

    /** For env.properties: {@code kernel} or the addresses, e.g. {@code 127.0.0.1,127.0.0.2}. */
    public String describe() {
        if (addresses.isEmpty()) return "kernel";
        return String.join(",", addresses.stream().map(InetAddress::getHostAddress).toList());
    }

    private static InetAddress loopback(int last) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a 4-byte address is always valid", e);
        }
    }

    /** Ephemeral ports one source address offers towards one server port, less a margin. */
    static int usablePortsPerAddress() {
        int ports = DEFAULT_EPHEMERAL_PORTS;
        try {
            String[] range = Files.readString(PORT_RANGE).strip().split("\\s+");
            ports = Integer.parseInt(range[1]) - Integer.parseInt(range[0]) + 1;
        } catch (IOException | RuntimeException e) {
            // not Linux or not readable: assume the default range
        }
        return Math.max(1, (int) (ports * USABLE_SHARE_OF_PORTS));
    }
}
