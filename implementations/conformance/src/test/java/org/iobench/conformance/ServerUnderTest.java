package org.iobench.conformance;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.regex.Pattern;
import org.iobench.api.ServerConfig;
import org.iobench.api.ServerProcess;

/**
 * One implementation running as its own process for a test class (or a single stress test), with
 * what a failure message needs: the implementation id, whether the server is still alive, and the
 * last lines it printed (an ASan report or an exception, typically).
 */
final class ServerUnderTest implements AutoCloseable {
    private static final Pattern FAULT =
            Pattern.compile("SUMMARY:|ERROR:|Exception|Error\\b|FATAL|[Ss]egmentation fault");
    private static final int FAULT_LINES = 5;
    private static final int TAIL_LINES = 8;

    private final ServerProcess process;

    private ServerUnderTest(ServerProcess process) {
        this.process = process;
    }

    /** Behind a command prefix such as {@code prlimit --nofile=N:N} if one is given. */
    static ServerUnderTest start(Target target, ServerConfig config, List<String> commandPrefix) throws IOException {
        return new ServerUnderTest(ServerProcess.start(target.impl(), config, null, commandPrefix));
    }

    String id() {
        return process.implementation().id;
    }

    /**
     * Where the probes connect: loopback and the reported port, always. The probes never leave the
     * machine, even when a broken server reports the wildcard; where it really listens is checked by
     * {@link #reportedAddress()} and /proc.
     */
    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port());
    }

    /** The address in the server's ready line. */
    InetSocketAddress reportedAddress() {
        return process.address();
    }

    int port() {
        return process.address().getPort();
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM and wait; the exit status (a server that hangs on shutdown fails here). */
    int stop() {
        return process.stop();
    }

    /** A test failure: {@code problem}, prefixed by the id and followed by the server's state. */
    AssertionError failure(String problem) {
        return new AssertionError(id() + ": " + problem + "\n" + state());
    }

    void check(boolean condition, String problem) {
        if (!condition) throw failure(problem);
    }

    void assertAlive(String when) {
        if (!isAlive()) throw failure("server died " + when);
    }

    /**
     * Whether it is alive, the lines of its output that name a fault (an ASan SUMMARY, an exception),
     * and its last lines; appended to every failure. A sanitizer report ends with a long legend, so
     * the tail alone would not say what happened.
     */
    String state() {
        List<String> output = process.recentOutput();
        String status = isAlive() ? "alive (pid " + pid() + ")" : "DEAD (exit status " + exitStatusOrUnknown() + ")";
        StringBuilder text = new StringBuilder("  server " + status);
        List<String> faults = output.stream().filter(line -> FAULT.matcher(line).find()).limit(FAULT_LINES).toList();
        if (!faults.isEmpty()) text.append("; it reported:\n").append(indent(faults));
        text.append("\n  its last output:\n").append(output.isEmpty() ? "    (none)"
                : indent(output.subList(Math.max(0, output.size() - TAIL_LINES), output.size())));
        return text.toString();
    }

    private static String indent(List<String> lines) {
        return String.join("\n", lines.stream().map(line -> "    | " + line).toList());
    }

    private String exitStatusOrUnknown() {
        try {
            return Integer.toString(process.stop());
        } catch (RuntimeException e) {
            return "unknown";
        }
    }

    @Override
    public void close() {
        int status = process.stop();
        // A server that exits non-zero after its clients behaved is a bug worth a failed test, but not
        // here: ShutdownTest checks the exit status; close() only must not leave the process behind.
        if (status != 0 && status != 143) {
            System.err.println("iobench-conformance: " + id() + " exited with status " + status + " on SIGTERM");
        }
    }
}
