package org.iobench.jdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.iobench.api.ServerMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A configuration whose per-connection buffer fits no connection at all within the JVM's limit is a
 * usage error at start-up (one line, exit 2), not a server that listens and then fails every client.
 * As a real process, since the limit is a JVM flag.
 */
class MemoryLimitStartUpTest {

    @Test
    @Timeout(60)
    void aBufferLargerThanDirectMemoryAllowsIsRefusedAtStartUp() throws Exception {
        Process server = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:MaxDirectMemorySize=32m",
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                ServerMain.class.getName(), "--impl", "nio-selector", "--buffer-bytes", Integer.toString(64 << 20))
                .redirectErrorStream(true).start();
        String output = new String(server.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(server.waitFor(30, TimeUnit.SECONDS), "still running");
        assertEquals(2, server.exitValue(), output);
        assertEquals(1, output.lines().count(), output);
        assertTrue(output.startsWith("iobench: nio-selector: --buffer-bytes 67108864 leaves room for no connection"), output);
    }

    @Test
    @Timeout(60)
    void theBudgetIsToldWhenItIsBelowTheDescriptorLimit() throws Exception {
        // 1 MiB per connection in 768 MiB (3/4 of 1 GiB): 768 connections, fewer than 20,000 descriptors.
        Process server = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                ServerMain.class.getName(), "--impl", "nio2-async", "--buffer-bytes", Integer.toString(1 << 20),
                "--exit-with-stdin"))
                .redirectErrorStream(true).start();
        server.getOutputStream().close();   // the lifeline ends at once: the server starts, then stops
        String output = new String(server.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(server.waitFor(30, TimeUnit.SECONDS), "still running");
        assertEquals(0, server.exitValue(), output);
        assertTrue(output.contains("iobench: nio2-async admits at most 768 connections at once"), output);
        assertTrue(output.contains("iobench: nio2-async stopping: standard input closed"), output);
    }
}
