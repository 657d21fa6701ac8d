package org.iobench.api;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many connections a server can hold, from the memory each one may pin and the JVM's limits
 * (-Xmx for the heap, -XX:MaxDirectMemorySize for direct buffers), computed once at start-up. A
 * server admits at most that many at a time and closes the excess at once, so no
 * {@code --buffer-bytes} the command line accepts can make it run out of memory: issue 7 point 3 was
 * an event loop killed by "Cannot reserve direct buffer memory" at 1 MiB x 1,100 connections.
 *
 * <p>Admission rather than refusing at start-up: the bound to check would be buffer bytes times the
 * descriptor limit, and with the limit raised for 10,000+ connections (a million is common) even the
 * default 16 KiB would be refused. A configuration that cannot hold a single connection is refused.
 */
public final class ConnectionBudget {
    /** The share of each limit connection buffers may use; the rest is the JVM's and the server's own. */
    static final double SHARE = 0.75;

    /** What one connection may pin at most, on the heap and in direct memory. */
    public record PerConnection(long heapBytes, long directBytes) {
    }

    /** A configuration that cannot hold even one connection: a usage error, reported in one line. */
    public static final class UnaffordableException extends IllegalArgumentException {
        UnaffordableException(String message) {
            super(message);
        }
    }

    private final int maxConnections;
    private final AtomicInteger admitted = new AtomicInteger();

    private ConnectionBudget(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    /** The budget against this JVM's limits; says in one line when it is below the descriptor limit. */
    public static ConnectionBudget forServer(String serverId, int bufferBytes, PerConnection cost) {
        long heapLimit = Runtime.getRuntime().maxMemory();
        long directLimit = maxDirectMemory();
        long byHeap = cost.heapBytes() == 0 ? Integer.MAX_VALUE : (long) (heapLimit * SHARE) / cost.heapBytes();
        long byDirect = cost.directBytes() == 0 ? Integer.MAX_VALUE : (long) (directLimit * SHARE) / cost.directBytes();
        boolean heapBinds = byHeap <= byDirect;
        String why = heapBinds
                ? mib(cost.heapBytes()) + " of heap each, within " + share(heapLimit) + " of -Xmx " + mib(heapLimit)
                : mib(cost.directBytes()) + " of direct memory each, within " + share(directLimit)
                        + " of -XX:MaxDirectMemorySize " + mib(directLimit);
        int max = (int) Math.min(byHeap, byDirect);
        if (max < 1) {
            throw new UnaffordableException(serverId + ": --buffer-bytes " + bufferBytes + " leaves room for no connection ("
                    + why + "); lower --buffer-bytes or raise the limit");
        }
        long descriptors = descriptorLimit();
        if (max < descriptors) {
            System.err.println("iobench: " + serverId + " admits at most " + max + " connections at once (" + why
                    + "); more are accepted and closed");
        }
        return new ConnectionBudget(max);
    }

    /** One more connection, if the budget has room; the caller must {@link #release()} it when it ends. */
    public boolean tryAdmit() {
        for (int now = admitted.get(); now < maxConnections; now = admitted.get()) {
            if (admitted.compareAndSet(now, now + 1)) return true;
        }
        return false;
    }

    public void release() {
        admitted.decrementAndGet();
    }

    public int maxConnections() {
        return maxConnections;
    }

    /** As the JDK computes it: the flag if set, else the heap's maximum (what 0 means). */
    static long maxDirectMemory() {
        String flag = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                .getVMOption("MaxDirectMemorySize").getValue();
        long bytes = Long.parseLong(flag);
        return bytes > 0 ? bytes : Runtime.getRuntime().maxMemory();
    }

    private static long descriptorLimit() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix
                ? unix.getMaxFileDescriptorCount() : Long.MAX_VALUE;
    }

    private static String share(long limit) {
        return mib((long) (limit * SHARE));
    }

    private static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
