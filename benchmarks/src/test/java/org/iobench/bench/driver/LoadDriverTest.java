package org.iobench.bench.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The driver against a scripted in-process server, with the preferred I/O (epoll on JDK 22+ Linux);
 * {@link NioLoadDriverTest} runs the same tests on NIO. No speed assertions: the machine is shared.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LoadDriverTest {
    /** One attempt at a time, so the server's connection numbers match the driver's. */
    private static final DriverLimits IN_ORDER = new DriverLimits(10_000, 5_000, 5_000, 1);

    /** The I/O these tests are meant to exercise. */
    DriverIoKind expectedKind() {
        return Runtime.version().feature() >= 22 ? DriverIoKind.EPOLL : DriverIoKind.NIO;
    }

    @Test
    void theDriverUsesTheIoUnderTest() throws IOException {
        try (ScriptedEchoServer server = new ScriptedEchoServer();
             LoadDriver driver = LoadDriver.connect(server.address(), 1, LoadShape.closedLoop(64, 1), IN_ORDER)) {
            assertEquals(expectedKind(), driver.ioKind());
        }
    }

    @Test
    void pingPongOnOneConnectionCountsEveryEchoExactly() throws IOException {
        int payloadBytes = 100;
        try (ScriptedEchoServer server = new ScriptedEchoServer();
             LoadDriver driver = LoadDriver.connect(server.address(), 1, LoadShape.closedLoop(payloadBytes, 1), IN_ORDER)) {
            long last = 0;
            for (int i = 0; i < 2_000; i++) last = driver.awaitEcho();
            assertEquals(2_000, last);
            DriverSnapshot snapshot = driver.intervalSnapshot();
            // ping-pong on one connection: each pump completes exactly one echo, nothing is banked
            assertEquals(2_000, snapshot.echoes());
            assertEquals(2_000, snapshot.latencyNanos().getTotalCount());
            assertEquals(2_000L * payloadBytes, snapshot.payloadBytes());
            assertEquals(0, snapshot.errors());
            assertEquals(1, driver.inFlight()); // the next message went out with the last echo
            assertTrue(snapshot.driverCpuNanos() > 0, "driver CPU time is measured");
        }
    }

    @Test
    void manyConnectionsWithDepthBankExtraEchoesAsCredits() throws IOException {
        int connections = 20;
        int depth = 4;
        try (ScriptedEchoServer server = new ScriptedEchoServer();
             LoadDriver driver = LoadDriver.connect(server.address(), connections, LoadShape.closedLoop(64, depth), DriverLimits.defaults())) {
            for (int i = 0; i < 10_000; i++) driver.awaitEcho();
            DriverSnapshot snapshot = driver.intervalSnapshot();
            long banked = snapshot.echoes() - 10_000;
            assertTrue(banked >= 0 && banked <= (long) connections * depth, "banked " + banked);
            assertEquals(snapshot.echoes(), snapshot.latencyNanos().getTotalCount());
            assertEquals(0, driver.errors(), driver.errorSummary());
            assertEquals((long) connections * depth, driver.inFlight());
            assertEquals(connections, driver.liveConnections());
        }
    }

    @Test
    void messagesLargerThanTheSocketBuffersArriveWhole() throws IOException {
        int payloadBytes = 300_000; // forces partial writes and OP_WRITE, and several reads per echo
        try (ScriptedEchoServer server = new ScriptedEchoServer();
             LoadDriver driver = LoadDriver.connect(server.address(), 2, LoadShape.closedLoop(payloadBytes, 2), DriverLimits.defaults())) {
            for (int i = 0; i < 40; i++) driver.awaitEcho();
            assertEquals(0, driver.errors(), driver.errorSummary());
            assertTrue(driver.intervalSnapshot().payloadBytes() >= 40L * payloadBytes);
        }
    }

    @Test
    void aCorruptedByteIsCountedAndItsConnectionClosed() throws IOException {
        try (ScriptedEchoServer server = new ScriptedEchoServer()) {
            server.corruptAtByte = 5_000;
            try (LoadDriver driver = LoadDriver.connect(server.address(), 4, LoadShape.closedLoop(64, 2), IN_ORDER)) {
                for (int i = 0; i < 3_000; i++) driver.awaitEcho();
                assertEquals(1, driver.errors(), driver.errorSummary());
                assertTrue(driver.errorSummary().contains("mismatch=1"), driver.errorSummary());
                assertEquals(3, driver.liveConnections());
                DriverSnapshot snapshot = driver.intervalSnapshot();
                assertEquals(1, snapshot.errors());
                // the corrupt message itself is never counted: connection 0 stopped before byte 5000's message
                assertTrue(snapshot.echoes() >= 3_000);
            }
        }
    }

    @Test
    void crossTalkBetweenTwoConnectionsIsAMismatchOnBoth() throws IOException {
        try (ScriptedEchoServer server = new ScriptedEchoServer()) {
            server.swapFirstTwoConnections = true; // same lengths, right timing, the other connection's bytes
            try (LoadDriver driver = LoadDriver.connect(server.address(), 3, LoadShape.closedLoop(64, 1), IN_ORDER)) {
                for (int i = 0; i < 1_000; i++) driver.awaitEcho();
                assertEquals("mismatch=2 reset=0 eof=0 timeout=0", driver.errorSummary());
                assertEquals(1, driver.liveConnections());
            }
        }
    }

    @Test
    void aShortEchoIsNeverCountedAndTimesOut() throws IOException {
        try (ScriptedEchoServer server = new ScriptedEchoServer()) {
            server.stallAfterBytes = 64 * 10 + 63; // ten whole echoes, then 63 of the eleventh's 64 bytes
            DriverLimits limits = IN_ORDER.withStallTimeoutMillis(300);
            try (LoadDriver driver = LoadDriver.connect(server.address(), 1, LoadShape.closedLoop(64, 1), limits)) {
                assertThrows(DriverStalledException.class, () -> {
                    for (int i = 0; i < 1_000; i++) driver.awaitEcho();
                });
                assertEquals(10, driver.totalEchoes());
                assertEquals(10, driver.intervalSnapshot().latencyNanos().getTotalCount());
                assertEquals(1, driver.inFlight());
            }
        }
    }

    @Test
    void connectionsAreSpreadOverTheGivenSourceAddresses() throws Exception {
        SourceAddresses sources = new SourceAddresses(List.of(InetAddress.getByName("127.0.0.2"), InetAddress.getByName("127.0.0.3")));
        try (ScriptedEchoServer server = new ScriptedEchoServer();
             LoadDriver driver = LoadDriver.open(server.address(), 6, LoadShape.closedLoop(64, 1), IN_ORDER, sources)) {
            driver.start();
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            // the server accepts on its own thread: pump until it has seen every connection
            while (server.peers.size() < 6 && System.nanoTime() < giveUp) driver.awaitEcho();
            assertEquals(0, driver.errors(), driver.errorSummary());
            assertEquals(List.of("127.0.0.2", "127.0.0.3", "127.0.0.2", "127.0.0.3", "127.0.0.2", "127.0.0.3"),
                    server.peers.stream().map(InetAddress::getHostAddress).toList());
            assertEquals("127.0.0.2,127.0.0.3", driver.sourceAddresses().describe());
        }
    }

    @Test
    void aSilentServerFailsTheRunWithinTheStallTimeout() throws IOException {
        try (ScriptedEchoServer server = new ScriptedEchoServer()) {
            server.stallAfterBytes = 640; // ten 64-byte echoes per connection, then silence
            DriverLimits limits = DriverLimits.defaults().withStallTimeoutMillis(500);
            try (LoadDriver driver = LoadDriver.connect(server.address(), 3, LoadShape.closedLoop(64, 1), limits)) {
                long start = System.nanoTime();
                DriverStalledException e = assertThrows(DriverStalledException.class, () -> {
                    for (int i = 0; i < 1_000_000; i++) driver.awaitEcho();
                });
                long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
                assertTrue(elapsedMillis >= 450 && elapsedMillis < 5_000, "failed after " + elapsedMillis + " ms");
                assertTrue(e.getMessage().contains("no echo completed within 500 ms"), e.getMessage());
                assertTrue(e.getMessage().contains("3 messages in flight"), e.getMessage());
                assertEquals(30, driver.totalEchoes());
            }
        }
    }

    @Test
    void oneSilentConnectionTimesOutWhileTheOthersGoOn() throws IOException {
        try (ScriptedEchoServer server = new ScriptedEchoServer()) {
            server.stallAfterBytes = 640;
            server.stallOnlyFirstConnection = true;
            DriverLimits limits = IN_ORDER.withStallTimeoutMillis(300).withMessageTimeoutMillis(300);
            try (LoadDriver driver = LoadDriver.connect(server.address(), 3, LoadShape.closedLoop(64, 1), limits)) {
                long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (driver.errors() == 0 && System.nanoTime() < giveUp) driver.awaitEcho();
                assertEquals("mismatch=0 reset=0 eof=0 timeout=1", driver.errorSummary());
                assertEquals(2, driver.liveConnections());
                for (int i = 0; i < 1_000; i++) driver.awaitEcho(); // the others are unaffected
            }
        }
    }

    @Test
    void aServerThatClosesCountsEveryEofAndFailsWhenNoConnectionIsLeft() throws IOException {
        try (ScriptedEchoServer server = new ScriptedEchoServer()) {
            server.closeAfterBytes = 64 * 5;
            try (LoadDriver driver = LoadDriver.connect(server.address(), 5, LoadShape.closedLoop(64, 1), DriverLimits.defaults())) {
                DriverStalledException e = assertThrows(DriverStalledException.class, () -> {
                    for (int i = 0; i < 1_000_000; i++) driver.awaitEcho();
                });
                assertTrue(e.getMessage().startsWith("all 5 connections failed"), e.getMessage());
                assertEquals(5, driver.errors());
                assertTrue(driver.errorSummary().contains("eof=5"), driver.errorSummary());
                assertEquals(25, driver.totalEchoes());
            }
        }
    }

    @Test
    void openLoopLatencyIncludesTheTimeTheServerMadeMessagesWait() throws IOException {
        try (ScriptedEchoServer server = new ScriptedEchoServer()) {
            server.pauseAtMillis = 500;
            server.pauseMillis = 200;
            double rate = 1_000;
            try (LoadDriver driver = LoadDriver.connect(server.address(), 2, LoadShape.openLoop(64, rate), DriverLimits.defaults())) {
                long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1_500);
                while (System.nanoTime() < end) driver.awaitEcho();
                DriverSnapshot snapshot = driver.intervalSnapshot();
                assertEquals(0, snapshot.errors());
                // a closed loop would just have slowed down; the open loop keeps its schedule, so the
                // messages due during the pause carry the pause in their latency
                assertTrue(snapshot.latencyNanos().getMaxValue() >= TimeUnit.MILLISECONDS.toNanos(200),
                        "max latency " + snapshot.latencyNanos().getMaxValue() + " ns");
                long waited = snapshot.latencyNanos().getCountBetweenValues(TimeUnit.MILLISECONDS.toNanos(100), Long.MAX_VALUE / 2);
                assertTrue(waited >= 50, waited + " messages waited >= 100 ms; expected about 200 scheduled in the pause");
                assertTrue(snapshot.echoesPerSecond() > rate * 0.5 && snapshot.echoesPerSecond() < rate * 1.5,
                        "achieved " + snapshot.echoesPerSecond() + " of " + rate + " offered");
            }
        }
    }

    @Test
    void aPauseOfTheClientIsTakenOutOfTheLatencyOfMessagesInFlightAcrossIt() throws Exception {
        int connections = 5;
        try (ScriptedEchoServer server = new ScriptedEchoServer();
             LoadDriver driver = LoadDriver.connect(server.address(), connections, LoadShape.closedLoop(64, 1), DriverLimits.defaults())) {
            for (int i = 0; i < 100; i++) driver.awaitEcho();
            driver.intervalSnapshot();
            Thread.sleep(300); // like JMH between iterations: the echoes wait in the socket, not in the server
            for (int i = 0; i < 100; i++) driver.awaitEcho();
            DriverSnapshot snapshot = driver.intervalSnapshot();
            // every echo has a latency, and none carries the client's 300 ms pause
            assertEquals(snapshot.echoes(), snapshot.latencyNanos().getTotalCount());
            assertTrue(snapshot.latencyNanos().getMaxValue() < TimeUnit.MILLISECONDS.toNanos(250),
                    "max latency " + snapshot.latencyNanos().getMaxValue() + " ns includes the pause");
            assertEquals(0, snapshot.errors());
        }
    }

    @Test
    void echoesThatCompletedDuringThePauseAreNotCountedInTheNextIteration() throws Exception {
        // one connection in ping-pong, so that exactly one message is in flight at any time
        try (ScriptedEchoServer server = new ScriptedEchoServer();
             LoadDriver driver = LoadDriver.connect(server.address(), 1, LoadShape.closedLoop(64, 1),
                     DriverLimits.defaults().withStallTimeoutMillis(500))) {
            server.stallAfterBytes = 64 * 6; // six echoes, then silence
            for (int i = 0; i < 5; i++) driver.awaitEcho();
            // reading the fifth echo sent the sixth message: the server answers it while nobody pumps
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (server.bytesReceived.get() < 6 * 64 && System.nanoTime() < deadline) Thread.sleep(5);
            Thread.sleep(100);
            driver.resumeAfterPause();
            driver.intervalSnapshot();
            // the iteration starts now and the server answers nothing more, so nothing may count in it:
            // without the drain the sixth echo, completed during the pause, would be handed out here
            assertThrows(DriverStalledException.class, driver::awaitEcho);
            assertEquals(0, driver.intervalSnapshot().echoes());
        }
    }

    @Test
    void resumingForgetsTheBacklogOfAnUnpumpedOpenLoop() throws Exception {
        try (ScriptedEchoServer server = new ScriptedEchoServer();
             LoadDriver driver = LoadDriver.connect(server.address(), 2, LoadShape.openLoop(64, 2_000), DriverLimits.defaults())) {
            for (int i = 0; i < 200; i++) driver.awaitEcho();
            long inFlightAtThePause = driver.inFlight(); // these may all complete at once after it
            Thread.sleep(300); // 600 messages' worth of schedule passes unpumped
            driver.resumeAfterPause();
            driver.intervalSnapshot();
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(150);
            while (System.nanoTime() < end) driver.awaitEcho();
            DriverSnapshot snapshot = driver.intervalSnapshot();
            // the 600 missed messages are not sent in a burst after the restart: beyond those in
            // flight at the pause, echoes keep to 2,000/s (counted as completed, so echoes banked
            // before the pause, which awaitEcho hands out at once, cannot shorten the interval)
            long allowed = inFlightAtThePause + Math.round(2_000 * snapshot.wallNanos() / 1e9) + 20;
            assertTrue(snapshot.echoes() <= allowed, snapshot.echoes() + " echoes in " + snapshot.wallNanos() + " ns, allowed " + allowed);
            assertTrue(snapshot.echoes() >= 100, snapshot.echoes() + " echoes: the schedule went on after the restart");
            assertEquals(0, snapshot.errors());
        }
    }

    @Test
    void aRefusedConnectionIsAClearError() throws IOException {
        InetSocketAddress nobody;
        try (ServerSocket closedAgain = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nobody = new InetSocketAddress(InetAddress.getLoopbackAddress(), closedAgain.getLocalPort());
        }
        IOException e = assertThrows(IOException.class,
                () -> LoadDriver.connect(nobody, 3, LoadShape.closedLoop(64, 1), DriverLimits.defaults()));
        assertTrue(e.getMessage().contains("failed") && e.getMessage().contains(nobody.toString()), e.getMessage());
    }
}
