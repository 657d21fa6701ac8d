package org.iobench.conformance;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Started under a low descriptor limit, the server meets more connection attempts than it has
 * descriptors: it must refuse or defer the excess (accept fails with EMFILE) without dying, and serve
 * again once they leave.
 */
class FdLimitTest extends PerImplementation {
    static final Path PRLIMIT = Path.of("/usr/bin/prlimit");
    /** Enough for a JVM with Netty to start (under 30 descriptors measured), few enough to run out quickly. */
    static final int FD_LIMIT = 256;
    static final int ATTEMPTS = 2 * FD_LIMIT;
    static final long RECOVERY_MILLIS = 15_000;

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
            System.out.printf("iobench-conformance: %-17s fd limit %d: %d connected, %d refused, server holds %d descriptors%n",
                    server.id(), FD_LIMIT, flood.size(), refused, ProcStats.openFds(server.pid()));
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
}
