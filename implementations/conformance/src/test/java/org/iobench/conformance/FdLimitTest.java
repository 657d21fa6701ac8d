package org.iobench.conformance;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Started under a low descriptor limit, the server meets more connection attempts than it has
 * descriptors: it must serve what it can, refuse the excess (accept fails with EMFILE) without dying,
 * and serve again once they leave. Refuse, not defer: a connection left in the kernel's accept queue
 * looks established to its client, which then waits forever for an answer (issue 7 point 8).
 */
class FdLimitTest extends PerImplementation {
    static final Path PRLIMIT = Path.of("/usr/bin/prlimit");
    /** Enough for a JVM with Netty to start (under 30 descriptors measured), few enough to run out quickly. */
    static final int FD_LIMIT = 256;
    static final int ATTEMPTS = 2 * FD_LIMIT;
    static final long RECOVERY_MILLIS = 15_000;
    /** For every client of the flood to be answered or refused; generous for a JVM under a busy CI. */
    static final long FATE_MILLIS = 15_000;

    @Override
    List<String> commandPrefix() {
        return Files.isExecutable(PRLIMIT) ? List.of(PRLIMIT.toString(), "--nofile=" + FD_LIMIT + ":" + FD_LIMIT) : List.of();
    }

    @Test
    @Timeout(120)
    void survivesMoreConnectionsThanDescriptorsAndServesAfterwards() throws Exception {
        assumeTrue(Files.isExecutable(PRLIMIT), PRLIMIT + " (util-linux) is needed to lower the server's fd limit");
        List<Socket> flood = new ArrayList<>(ATTEMPTS);
        int refused = 0;
        try {
            for (int i = 0; i < ATTEMPTS; i++) {
                try {
                    flood.add(Wire.connect(server.address()));
                } catch (IOException e) {
                    refused++; // a refusal is allowed; dying is not
                }
            }
            Thread.sleep(1_000); // time to accept what it can and run into EMFILE
            server.assertAlive("with " + flood.size() + " connections open (" + refused + " refused) against a limit of "
                    + FD_LIMIT + " descriptors");
            int[] fates = everyClientLearnsItsFate(flood);
            System.out.printf("iobench-conformance: %-17s fd limit %d: %d connected (%d served, %d refused after accept), "
                            + "%d refused at connect, server holds %d descriptors%n",
                    server.id(), FD_LIMIT, flood.size(), fates[0], fates[1], refused, ProcStats.openFds(server.pid()));
        } finally {
            ManyConnectionsTest.closeAll(flood);
        }
        // It may still be accepting and closing the flood's leftovers from its backlog: retry a while.
        SeededBytes bytes = new SeededBytes(11);
        long deadline = System.nanoTime() + RECOVERY_MILLIS * 1_000_000;
        String lastProblem = "no attempt";
        while (System.nanoTime() < deadline) {
            server.assertAlive("after the flood of " + ATTEMPTS + " connections");
            try (Socket socket = Wire.connect(server.address())) {
                socket.setSoTimeout(2_000);
                Wire.roundTrip(server, "echo after the flood", socket, bytes, 0, 4096);
                return;
            } catch (IOException | AssertionError e) {
                lastProblem = e.getMessage().lines().findFirst().orElse("");
            }
            Thread.sleep(250);
        }
        throw server.failure("no echo within " + RECOVERY_MILLIS + " ms after " + ATTEMPTS + " connections met a limit of "
                + FD_LIMIT + " descriptors; last attempt: " + lastProblem);
    }

    /**
     * Each client sends one byte: it must come back (served) or the connection must end (EOF or
     * reset: refused) within {@link #FATE_MILLIS} for all of them together; silence means the server
     * left it in the accept queue. Returns {served, refused}.
     */
    private int[] everyClientLearnsItsFate(List<Socket> flood) throws IOException {
        for (Socket socket : flood) {
            try {
                socket.getOutputStream().write('x');
            } catch (IOException e) {
                // already refused; the read below sees it too
            }
        }
        int served = 0, refused = 0;
        long deadline = System.nanoTime() + FATE_MILLIS * 1_000_000;
        for (int i = 0; i < flood.size(); i++) {
            long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
            try {
                flood.get(i).setSoTimeout((int) Math.max(1, remainingMillis));
                if (flood.get(i).getInputStream().read() == 'x') served++;
                else refused++;
            } catch (SocketTimeoutException e) {
                throw server.failure("client " + i + " of " + flood.size() + " neither served nor refused within "
                        + FATE_MILLIS + " ms (" + served + " served, " + refused + " refused before it): left waiting in "
                        + "the accept queue at the descriptor limit");
            } catch (IOException e) {
                refused++;   // reset
            }
        }
        return new int[] {served, refused};
    }
}
