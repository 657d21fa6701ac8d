package org.iobench.conformance;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.iobench.api.Family;
import org.iobench.api.ServerConfig;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 7 point 3, as reported: every {@code --buffer-bytes} the command line accepts must leave a
 * server that answers each client (an echo, or a refusal it can see) and stays up, within the
 * JVM's default limits ({@code -Xmx1g}, direct memory as much). Before the fix, nio-selector lost
 * its event loops to "Cannot reserve direct buffer memory" and went on listening without serving;
 * blocking and virtual died of a heap OutOfMemoryError; nio2-async left clients hanging. Run for the
 * JDK family, whose servers own a buffer per connection; Netty takes its buffers from a pool per read.
 */
class MemoryBoundTest {
    static final int MIB = 1024 * 1024;
    static final int MESSAGE_BYTES = 4;
    static final long FATE_MILLIS = 30_000;
    static final long RECOVERY_MILLIS = 15_000;

    static Stream<Arguments> jdkServersAndTheIssuesCases() {
        return Target.all().stream()
                .filter(target -> target.impl().family == Family.JDK)
                .flatMap(target -> Stream.of(Arguments.of(target, MIB, 1_100), Arguments.of(target, 64 * MIB, 40)));
    }

    // Zero invocations are fine: -Diobench.impls may name no JDK server.
    @ParameterizedTest(name = "{0}: --buffer-bytes {1} x {2} connections", allowZeroInvocations = true)
    @MethodSource("jdkServersAndTheIssuesCases")
    @Timeout(120)
    void answersEveryClientAndStaysUp(Target target, int bufferBytes, int connections) throws Exception {
        assumeTrue(target.available(), () -> target.impl().id + " is unavailable here: " + target.unavailableReason());
        ServerConfig config = new ServerConfig(ServerConfig.defaults().bindAddress(), 0, ServerConfig.defaultThreads(), bufferBytes);
        try (ServerUnderTest server = ServerUnderTest.start(target, config, List.of())) {
            List<Socket> clients = new ArrayList<>(connections);
            try {
                for (int i = 0; i < connections; i++) {
                    Socket socket = Wire.connect(server.address());
                    clients.add(socket);
                    socket.getOutputStream().write(new byte[] {1, 2, 3, 4});
                }
                int served = 0;
                long deadline = System.nanoTime() + FATE_MILLIS * 1_000_000;
                for (int i = 0; i < clients.size(); i++) {
                    if (echoedOrRefused(server, clients.get(i), i, deadline)) served++;
                }
                server.assertAlive("with " + connections + " connections of " + bufferBytes + " buffer bytes");
                System.out.printf("iobench-conformance: %-17s --buffer-bytes %d x %d: %d served, %d refused%n",
                        server.id(), bufferBytes, connections, served, connections - served);
                server.check(served > 0, "served none of " + connections + " connections");
            } finally {
                ManyConnectionsTest.closeAll(clients);
            }
            servesAgain(server);
            int status = server.stop();
            server.check(status == 0, "exited with status " + status + " on SIGTERM, expected 0");
        }
    }

    /** True if the 4 bytes came back, false if the connection was refused (EOF or reset); silence fails. */
    private static boolean echoedOrRefused(ServerUnderTest server, Socket socket, int index, long deadlineNanos)
            throws IOException {
        byte[] echo = new byte[MESSAGE_BYTES];
        int got = 0;
        try {
            while (got < MESSAGE_BYTES) {
                socket.setSoTimeout((int) Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000));
                int n = socket.getInputStream().read(echo, got, MESSAGE_BYTES - got);
                if (n < 0) return false;
                got += n;
            }
        } catch (SocketTimeoutException e) {
            throw server.failure("client " + index + ": neither echoed nor refused within " + FATE_MILLIS + " ms");
        } catch (IOException e) {
            return false;   // reset: refused
        }
        server.check(echo[0] == 1 && echo[1] == 2 && echo[2] == 3 && echo[3] == 4, "client " + index + ": wrong echo");
        return true;
    }

    private static void servesAgain(ServerUnderTest server) throws Exception {
        SeededBytes bytes = new SeededBytes(12);
        long deadline = System.nanoTime() + RECOVERY_MILLIS * 1_000_000;
        String lastProblem = "no attempt";
        while (System.nanoTime() < deadline) {
            server.assertAlive("after its clients left");
            try (Socket socket = Wire.connect(server.address())) {
                Wire.roundTrip(server, "echo after the clients left", socket, bytes, 0, 4096);
                return;
            } catch (IOException | AssertionError e) {
                lastProblem = e.getMessage().lines().findFirst().orElse("");
            }
            Thread.sleep(250);
        }
        throw server.failure("no echo within " + RECOVERY_MILLIS + " ms after the clients left; last attempt: " + lastProblem);
    }
}
