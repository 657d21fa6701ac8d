package org.iobench.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class ServerArgsTest {

    @Test
    void defaultsAreLoopbackEphemeralAndOneThreadPerCore() throws Exception {
        ServerArgs args = ServerArgs.parse(new String[] {"--impl", "nio-selector"});
        assertEquals(Implementation.NIO_SELECTOR, args.impl());
        assertTrue(args.config().bindAddress().isLoopbackAddress());
        assertEquals(0, args.config().port());
        assertEquals(Runtime.getRuntime().availableProcessors(), args.config().threads());
        assertEquals(ServerConfig.DEFAULT_BUFFER_BYTES, args.config().bufferBytes());
    }

    @Test
    void everyFlagIsApplied() throws Exception {
        ServerArgs args = ServerArgs.parse(new String[] {"--impl", "netty-epoll-et", "--bind", "::1",
                "--port", "9000", "--threads", "3", "--buffer-bytes", "4096"});
        assertEquals(InetAddress.getByName("::1"), args.config().bindAddress());
        assertEquals(9000, args.config().port());
        assertEquals(3, args.config().threads());
        assertEquals(4096, args.config().bufferBytes());
    }

    @Test
    void workFlagsAreApplied() throws Exception {
        ServerConfig config = ServerArgs.parse(new String[] {"--impl", "nio-selector", "--work", "block:0.5",
                "--message-bytes", "1024", "--offload-threads", "0", "--offload-queue", "7"}).config();
        assertEquals(new Work.Block(0.5), config.work());
        assertEquals(1024, config.messageBytes());
        assertEquals(0, config.offloadThreads());
        assertEquals(7, config.offloadQueue());
        ServerConfig none = ServerArgs.parse(new String[] {"--impl", "nio-selector"}).config();
        assertEquals(Work.NONE, none.work());
        assertFalse(none.hasWork());
    }

    @Test
    void workMistakesNameTheFlag() {
        assertMessage("--work: 'sleep:1' is not a work kind", "--impl", "blocking", "--work", "sleep:1");
        assertMessage("--work cpu:5 needs --message-bytes N", "--impl", "blocking", "--work", "cpu:5");
        assertMessage("--message-bytes must be 1..", "--impl", "blocking", "--work", "cpu:5", "--message-bytes", "0");
        assertMessage("--offload-threads takes a whole number", "--impl", "blocking", "--offload-threads", "x");
    }

    @Test
    void theLifelineIsOffUnlessGiven() throws Exception {
        assertFalse(ServerArgs.parse(new String[] {"--impl", "blocking"}).exitWithStdin());
        assertTrue(ServerArgs.parse(new String[] {"--impl", "blocking", "--exit-with-stdin"}).exitWithStdin());
    }

    @Test
    void listNeedsNoImplementation() throws Exception {
        ServerArgs args = ServerArgs.parse(new String[] {"--list"});
        assertTrue(args.list());
        assertFalse(args.help());
    }

    @Test
    void mistakesAreUsageErrorsWithAMessage() {
        assertMessage("--impl is required");
        assertMessage("unknown implementation 'epoll'", "--impl", "epoll");
        assertMessage("--port must be 0..65535, got 70000", "--impl", "blocking", "--port", "70000");
        assertMessage("--threads takes a whole number, got 'two'", "--impl", "blocking", "--threads", "two");
        assertMessage("--port needs a value", "--impl", "blocking", "--port");
        assertMessage("unknown option '--verbose'", "--impl", "blocking", "--verbose");
        assertMessage("--threads must be 1..4096, got 0", "--impl", "blocking", "--threads", "0");
    }

    private static void assertMessage(String expectedStart, String... args) {
        ServerArgs.UsageException e = assertThrows(ServerArgs.UsageException.class, () -> ServerArgs.parse(args));
        assertTrue(e.getMessage().startsWith(expectedStart), () -> "message was: " + e.getMessage());
    }

    @Test
    void formatBracketsIpv6() throws Exception {
        assertEquals("127.0.0.1:80", ServerArgs.format(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 80)));
        assertEquals("[0:0:0:0:0:0:0:1]:80", ServerArgs.format(new InetSocketAddress(InetAddress.getByName("::1"), 80)));
    }
}
