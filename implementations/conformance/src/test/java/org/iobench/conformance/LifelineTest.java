package org.iobench.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 7 point 4: a server must not outlive the process that started it. A launcher JVM starts the
 * server as the benchmarks do and is then killed with SIGKILL (as the OOM killer would kill a JMH
 * fork): the server must notice (its stdin reaches end-of-file) and exit, releasing its port.
 */
class LifelineTest {
    static final long EXIT_WITHIN_MILLIS = 5_000;

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iobench.conformance.Target#all")
    @Timeout(90)
    void serverExitsWhenItsLauncherIsKilled(Target target) throws Exception {
        assumeTrue(target.available(), () -> target.impl().id + " is unavailable here: " + target.unavailableReason());
        Process launcher = startLauncher(target);
        ProcessHandle server = null;
        int port;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8))) {
            String[] ready = awaitLaunched(out, launcher);
            server = ProcessHandle.of(Long.parseLong(ready[0])).orElseThrow(() -> new AssertionError("server already gone"));
            port = Integer.parseInt(ready[1]);
            launcher.destroyForcibly();   // SIGKILL: no shutdown hook, no chance to stop the server
            launcher.waitFor(10, TimeUnit.SECONDS);
            boolean exited = server.onExit().completeOnTimeout(null, EXIT_WITHIN_MILLIS, TimeUnit.MILLISECONDS).join() != null
                    || !server.isAlive();
            if (!exited) {
                fail(target.impl().id + ": still running " + EXIT_WITHIN_MILLIS + " ms after its launcher was killed");
            }
        } finally {
            launcher.destroyForcibly();
            if (server != null && server.isAlive()) server.destroyForcibly();   // never leave one behind
        }
        try (ServerSocket again = new ServerSocket()) {
            again.setReuseAddress(true);
            again.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            fail(target.impl().id + ": port " + port + " still taken after the server exited: " + e.getMessage());
        }
    }

    private static Process startLauncher(Target target) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))));
        for (String property : List.of("iobench.home", "iobench.native.server", "iobench.server.jvmArgs")) {
            Optional.ofNullable(System.getProperty(property)).ifPresent(value -> command.add("-D" + property + "=" + value));
        }
        command.addAll(List.of(LifelineLauncher.class.getName(), target.impl().id));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** The launcher's "launched PID PORT" line, split; fails with everything it printed otherwise. */
    private static String[] awaitLaunched(BufferedReader out, Process launcher) throws IOException {
        StringBuilder printed = new StringBuilder();
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith(LifelineLauncher.READY_PREFIX)) {
                String[] parts = line.substring(LifelineLauncher.READY_PREFIX.length()).trim().split(" ");
                assertTrue(parts.length == 2, line);
                return parts;
            }
            printed.append("\n  | ").append(line);
        }
        throw new AssertionError("the launcher ended before the server was ready:" + printed);
    }
}
