package org.iobench.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.iobench.api.Implementation;
import org.iobench.api.ServerCommand;
import org.iobench.api.ServerConfig;
import org.iobench.api.ServerLauncher;
import org.iobench.api.ServerProcess;
import org.iobench.bench.measure.ProcFiles;
import org.iobench.bench.measure.RemoteProcFiles;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, point 1: a server started through a launcher that forwards the command rather than
 * exec'ing it (as ssh does; here a shell that stays its parent) is found by the pid it prints, its
 * figures are read through the /proc agent and agree with what this host's /proc says of the same
 * process, and it stops cleanly through its lifeline, leaving nothing running.
 */
class ForwardedServerTest {
    private static final ServerLauncher FORWARDING = new ServerLauncher(List.of("bash", "-c", "\"$@\"; exit $?", "bash"));

    @Test
    void aForwardedServerIsReadThroughTheAgentAndStopsCleanly() throws Exception {
        Implementation impl = Implementation.NATIVE_EPOLL_ET;
        Assumptions.assumeTrue(ServerCommand.notBuiltReason(impl) == null, "the native server is not built (no C compiler)");
        ServerConfig config = ServerConfig.defaults().withThreads(1);
        long serverPid;
        try (ServerProcess server = ServerProcess.start(impl, config, null, List.of(), FORWARDING);
             RemoteProcFiles agent = RemoteProcFiles.start(FORWARDING)) {
            assertFalse(server.runsHere(), "the process started here is the launcher's shell, not the server");
            serverPid = server.serverPid();
            assertNotEquals(server.pid(), serverPid);
            assertTrue(ProcessHandle.of(serverPid).map(p -> p.parent().map(ProcessHandle::pid).orElse(-1L) == server.pid())
                    .orElse(false), "the reported pid is the launcher's child: the server");

            long idleFds = ProcessStats.openFiles(agent, serverPid);
            assertEquals(ProcessStats.openFiles(ProcFiles.LOCAL, serverPid), idleFds);
            try (Socket socket = new Socket(server.address().getAddress(), server.address().getPort())) {
                byte[] message = new byte[64];
                for (int i = 0; i < message.length; i++) message[i] = (byte) i;
                socket.getOutputStream().write(message);
                byte[] echo = new byte[64];
                new DataInputStream(socket.getInputStream()).readFully(echo);
                assertArrayEquals(message, echo);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (ProcessStats.openFiles(agent, serverPid) == idleFds && System.nanoTime() < deadline) Thread.sleep(10);
                assertEquals(idleFds + 1, ProcessStats.openFiles(agent, serverPid), "the accepted connection is seen through the agent");
            }
            ProcessStats remote = ProcessStats.read(agent, serverPid);
            ProcessStats local = ProcessStats.read(serverPid);
            assertEquals(local.threads(), remote.threads());
            assertTrue(remote.rssKib() > 0 && Math.abs(remote.rssKib() - local.rssKib()) <= local.rssKib() / 10,
                    remote.rssKib() + " KiB through the agent against " + local.rssKib() + " here");
            assertTrue(remote.cpuNanos() > 0 && remote.cpuNanos() <= local.cpuNanos(), "CPU is read in the same units");

            assertEquals(0, server.stop(), "end-of-file on its lifeline stops it cleanly: " + server.recentOutput());
        }
        assertFalse(ProcessHandle.of(serverPid).map(ProcessHandle::isAlive).orElse(false), "nothing is left running");
    }
}
