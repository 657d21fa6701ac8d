package org.iobench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.iobench.api.Implementation;
import org.iobench.api.IobenchHome;
import org.iobench.api.ServerConfig;
import org.iobench.api.ServerProcess;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * scripts/netns-pair: a server launched in one namespace behind {@code ip netns exec} is the server
 * itself (its /proc is readable here), and the native load client in the other namespace reaches it
 * over the veth pair with every echo intact. Needs root and iproute2; skipped otherwise, with the reason.
 * Leaves the namespaces as it found them.
 */
class NetnsPairTest {
    private static final Path SCRIPT = IobenchHome.get().resolve("scripts/netns-pair");

    @Test
    void aServerInOneNamespaceEchoesToAClientInTheOther() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root (network namespaces)");
        Assumptions.assumeTrue(run(List.of("sh", "-c", "command -v ip"), 10).status() == 0, "iproute2 (ip) is not installed");
        Path client = IobenchHome.nativeClient();
        Assumptions.assumeTrue(Files.isExecutable(client), "the native load client is not built (no C compiler)");
        boolean wasUp = run(List.of(SCRIPT.toString(), "status"), 10).status() == 0;
        try {
            Result up = run(List.of(SCRIPT.toString(), "up"), 30);
            assertEquals(0, up.status(), up.output());
            ServerConfig config = ServerConfig.defaults().withThreads(1).withBindAddress("10.203.0.1");
            try (ServerProcess server = ServerProcess.start(Implementation.NATIVE_EPOLL_ET, config, null,
                    List.of("ip", "netns", "exec", "iobench-srv"))) {
                assertTrue(server.runsHere(), "ip netns exec execs the server in place: its pid is the server's");
                assertEquals("10.203.0.1", server.address().getAddress().getHostAddress());
                Result echo = run(List.of("ip", "netns", "exec", "iobench-drv", client.toString(), "--host", "10.203.0.1",
                        "--port", Integer.toString(server.address().getPort()), "--connections", "4", "--warmup-seconds", "0",
                        "--duration-seconds", "1", "--allow-remote"), 30);
                assertEquals(0, echo.status(), echo.output());
                assertTrue(echo.output().contains(" errors=0"), echo.output());
                assertEquals(0, server.stop());
            }
            // from the root namespace the server's address is not reachable: the path is the veth pair's
            Result fromHere = run(List.of(client.toString(), "--host", "10.203.0.1", "--port", "9", "--connections", "1",
                    "--duration-seconds", "1", "--allow-remote"), 30);
            assertTrue(fromHere.status() != 0, fromHere.output());
        } finally {
            if (!wasUp) run(List.of(SCRIPT.toString(), "down"), 30);
        }
    }

    @Test
    void badUsageIsOneLineAndExitTwo() throws Exception {
        Result bad = run(List.of(SCRIPT.toString(), "sideways"), 10);
        assertEquals(2, bad.status());
        assertEquals("netns-pair: unknown command 'sideways' (up, down, status, env)", bad.output().strip());
    }

    @Test
    void sshdBadUsageIsOneLineAndExitTwo() throws Exception {
        Result bad = run(List.of(IobenchHome.get().resolve("scripts/netns-sshd").toString(), "sideways"), 10);
        assertEquals(2, bad.status());
        assertEquals("netns-sshd: unknown command 'sideways' (up, down, launcher)", bad.output().strip());
    }

    private record Result(int status, String output) {
    }

    private static Result run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
        }
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
