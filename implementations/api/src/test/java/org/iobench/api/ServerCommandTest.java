package org.iobench.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The server JVM's flags: a heap whose RSS is flat before the first connection, and big enough for 10,000. */
class ServerCommandTest {

    private static long bytesOf(String flagPrefix) {
        String flag = ServerCommand.jvmArgs().stream().filter(a -> a.startsWith(flagPrefix)).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no " + flagPrefix + " in " + ServerCommand.jvmArgs()));
        String size = flag.substring(flagPrefix.length()).toLowerCase();
        long unit = switch (size.charAt(size.length() - 1)) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            default -> 1;
        };
        return Long.parseLong(Character.isDigit(size.charAt(size.length() - 1)) ? size : size.substring(0, size.length() - 1)) * unit;
    }

    @Test
    void theHeapIsFixedAndPreTouchedSoIdleRssIsTheWholeHeap() {
        List<String> args = ServerCommand.jvmArgs();
        assertEquals(bytesOf("-Xmx"), bytesOf("-Xms"), args::toString);
        assertTrue(args.contains("-XX:+AlwaysPreTouch"), args::toString);
    }

    @Test
    void tenThousandConnectionsAtTheBenchmarkBufferFitTheBudget() {
        // the thread-per-connection servers keep one ServerConfig.DEFAULT_BUFFER_BYTES chunk per
        // connection on the heap and as much direct memory (ThreadPerConnectionEchoServer)
        long perConnection = ServerConfig.DEFAULT_BUFFER_BYTES;
        assertTrue(bytesOf("-Xmx") * ConnectionBudget.SHARE / perConnection >= 10_000, "heap");
        assertTrue(bytesOf("-XX:MaxDirectMemorySize=") * ConnectionBudget.SHARE / perConnection >= 10_000, "direct memory");
    }

    @Test
    void workFlagsAreGivenOnlyWithWorkSoAPlainEchoCommandIsUnchanged() throws Exception {
        ServerConfig plain = ServerConfig.defaults();
        List<String> plainCommand = ServerCommand.of(Implementation.NATIVE_EPOLL_ET, plain, null);
        assertTrue(plainCommand.stream().noneMatch(a -> a.startsWith("--work") || a.startsWith("--message")
                || a.startsWith("--offload")), plainCommand::toString);
        List<String> withWork = ServerCommand.of(Implementation.NIO_SELECTOR, plain.withWork(Work.parse("block:1"), 256), null);
        int at = withWork.indexOf("--work");
        assertEquals(List.of("--work", "block:1", "--message-bytes", "256"), withWork.subList(at, at + 4));
        // and the server reads back what the command says
        ServerArgs parsed = ServerArgs.parse(withWork.subList(withWork.indexOf("--impl"), withWork.size()).toArray(String[]::new));
        assertEquals(new Work.Block(1), parsed.config().work());
        assertEquals(256, parsed.config().messageBytes());
    }
}
