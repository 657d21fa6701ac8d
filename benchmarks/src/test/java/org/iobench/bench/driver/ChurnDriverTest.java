package org.iobench.bench.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** Connection churn: every lifecycle's echoes are verified, failures counted by kind, a dead server fails fast. */
class ChurnDriverTest {
    private static final DriverLimits QUICK_STALL = DriverLimits.defaults().withStallTimeoutMillis(1_000);

    @Test
    void everyLifecycleConnectsEchoesAndCloses() throws IOException {
        try (ScriptedEchoServer server = new ScriptedEchoServer();
             ChurnDriver driver = ChurnDriver.open(server.address(), 4, 64, 1, DriverLimits.defaults())) {
            driver.start();
            long last = 0;
            for (int i = 0; i < 300; i++) last = driver.awaitEcho();
            assertEquals(300, last);
            DriverSnapshot snapshot = driver.intervalSnapshot();
            assertTrue(snapshot.echoes() >= 300, "completed lifecycles: " + snapshot.echoes());
            assertEquals(snapshot.echoes(), snapshot.latencyNanos().getTotalCount(), "one latency per lifecycle");
            assertEquals(0, snapshot.errors(), driver.errorSummary());
            assertTrue(server.peers.size() >= 300, "a new connection per lifecycle: " + server.peers.size());
        }
    }

    @Test
    void aSessionOfSeveralMessagesEchoesEachBeforeClosing() throws IOException {
        try (ScriptedEchoServer server = new ScriptedEchoServer();
             ChurnDriver driver = ChurnDriver.open(server.address(), 1, 100, 3, DriverLimits.defaults())) {
            driver.start();
            for (int i = 0; i < 50; i++) driver.awaitEcho();
            long lifecycles = driver.intervalSnapshot().echoes();
            driver.close();
            // one in flight at a time: every completed one sent its 3 × 100 bytes, the one in flight at most that
            assertTrue(server.bytesReceived.get() >= lifecycles * 300 && server.bytesReceived.get() <= (lifecycles + 1) * 300,
                    server.bytesReceived.get() + " bytes for " + lifecycles + " lifecycles");
            assertEquals(0, driver.errors());
        }
    }

    @Test
    void aCorruptedByteIsAMismatchAndTheChurnGoesOn() throws IOException {
        try (ScriptedEchoServer server = new ScriptedEchoServer()) {
            server.corruptAtByte = 10;   // the first connection's echo
            try (ChurnDriver driver = ChurnDriver.open(server.address(), 1, 64, 1, DriverLimits.defaults())) {
                driver.start();
                for (int i = 0; i < 20; i++) driver.awaitEcho();
                assertEquals(1, driver.errors());
                assertTrue(driver.errorSummary().contains("mismatch=1"), driver.errorSummary());
            }
        }
    }

    @Test
    void aServerThatClosesBeforeEchoingCountsEofs() throws IOException {
        try (ScriptedEchoServer server = new ScriptedEchoServer()) {
            server.closeAfterBytes = 32;   // half an echo, then close
            try (ChurnDriver driver = ChurnDriver.open(server.address(), 2, 64, 1, QUICK_STALL)) {
                driver.start();
                DriverStalledException e = assertThrows(DriverStalledException.class, driver::awaitEcho);
                assertTrue(e.getMessage().startsWith("no connect-echo-close completed within 1000 ms"), e.getMessage());
                assertTrue(driver.errors() > 2 && driver.errorSummary().contains("eof="), driver.errorSummary());
            }
        }
    }

    @Test
    void aSilentServerFailsWithinTheStallTimeout() throws IOException {
        try (ScriptedEchoServer server = new ScriptedEchoServer()) {
            server.stallAfterBytes = 0;
            try (ChurnDriver driver = ChurnDriver.open(server.address(), 3, 64, 1, QUICK_STALL)) {
                driver.start();
                long start = System.nanoTime();
                assertThrows(DriverStalledException.class, driver::awaitEcho);
                assertTrue(System.nanoTime() - start < 5_000_000_000L, "bounded by the stall timeout");
            }
        }
    }

    @Test
    void oneSilentConnectionTimesOutWhileTheChurnGoesOn() throws IOException {
        try (ScriptedEchoServer server = new ScriptedEchoServer()) {
            server.stallAfterBytes = 0;
            server.stallOnlyFirstConnection = true;
            DriverLimits limits = DriverLimits.defaults().withMessageTimeoutMillis(300);
            try (ChurnDriver driver = ChurnDriver.open(server.address(), 2, 64, 1, limits)) {
                driver.start();
                long end = System.nanoTime() + 1_000_000_000L;
                while (System.nanoTime() < end) driver.awaitEcho();
                assertEquals(1, driver.errors(), driver.errorSummary());
                assertTrue(driver.errorSummary().contains("timeout=1"), driver.errorSummary());
            }
        }
    }

    @Test
    void aRefusedConnectIsCountedNotThrown() throws IOException {
        InetSocketAddress nobody;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nobody = new InetSocketAddress(InetAddress.getLoopbackAddress(), closed.getLocalPort());
        }
        try (ChurnDriver driver = ChurnDriver.open(nobody, 1, 64, 1, QUICK_STALL)) {
            driver.start();
            assertThrows(DriverStalledException.class, driver::awaitEcho);
            assertTrue(driver.errors() > 0, driver.errorSummary());
        }
    }
}
