package org.iobench.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The open-file limits of this process, and what they allow. Each side of a trial holds one
 * descriptor per connection: the driver JVM and the server process each need {@code connections}
 * plus their own overhead (jars, epoll, pipes, the listening socket). Both raise their soft limit
 * to the hard limit at start (the JVM does so by default on Linux, -XX:+MaxFDLimit; the native
 * server does it itself), so the hard limit is the one that counts.
 *
 * @param soft the soft limit (RLIMIT_NOFILE), -1 when unlimited or unknown
 * @param hard the hard limit, -1 when unlimited or unknown
 */
public record FdLimits(long soft, long hard) {

    /** Descriptors a JVM needs besides its connections: jars, selectors, pipes, the JIT's files. */
    public static final int RESERVED_FDS = 256;

    public static FdLimits ofThisProcess() {
        try {
            return parse(Files.readString(Path.of("/proc/self/limits")));
        } catch (IOException | RuntimeException e) {
            return new FdLimits(-1, -1);
        }
    }

    /** Parses the "Max open files" line of {@code /proc/<pid>/limits}. */
    static FdLimits parse(String limits) {
        for (String line : limits.split("\n")) {
            if (line.startsWith("Max open files")) {
                String[] fields = line.substring("Max open files".length()).strip().split("\\s+");
                return new FdLimits(number(fields[0]), number(fields[1]));
            }
        }
        throw new IllegalArgumentException("no 'Max open files' line");
    }

    private static long number(String field) {
        return field.equals("unlimited") ? -1 : Long.parseLong(field);
    }

    /** The most connections one side can hold, or Long.MAX_VALUE when the limit is unknown/unlimited. */
    public long maxConnections() {
        long usable = hard >= 0 ? hard : soft;
        return usable < 0 ? Long.MAX_VALUE : Math.max(0, usable - RESERVED_FDS);
    }

    /** Null when {@code connections} fit, else the message that says why they are skipped. */
    public String whyNot(int connections) {
        if (connections <= maxConnections()) return null;
        return connections + " connections need " + (connections + RESERVED_FDS) + " descriptors per process but the "
                + "open-file limit is " + (hard >= 0 ? hard : soft) + " (ulimit -Hn); raise it (e.g. in "
                + "/etc/security/limits.conf or with 'ulimit -n' as root) to run them";
    }

    @Override
    public String toString() {
        return "soft " + (soft < 0 ? "unlimited" : soft) + ", hard " + (hard < 0 ? "unlimited" : hard);
    }
}
