package org.iobench.bench.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Map;
import org.iobench.api.ServerLauncher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The /proc agent, started through a launcher that forwards its command (a shell that stays the
 * agent's parent, standing in for ssh): it reads what plain file access reads, one request at a time.
 */
class RemoteProcFilesTest {
    private static final long SELF = ProcessHandle.current().pid();
    /** Runs the command as its child and returns its status: forwards it, like ssh, rather than exec'ing it. */
    static final ServerLauncher FORWARDING = new ServerLauncher(List.of("bash", "-c", "\"$@\"; exit $?", "bash"));
    private static RemoteProcFiles agent;

    @BeforeAll
    static void startAgent() throws IOException {
        agent = RemoteProcFiles.start(FORWARDING);
    }

    @AfterAll
    static void stopAgent() {
        agent.close();
    }

    @Test
    void aFileReadsAsItDoesLocally() throws IOException {
        // the first line of status (Name:) does not change between the two readings
        String remote = agent.read(SELF + "/status");
        String local = ProcFiles.LOCAL.read(SELF + "/status");
        assertEquals(local.lines().findFirst(), remote.lines().findFirst());
        assertEquals(local.lines().count(), remote.lines().count());
        assertTrue(remote.contains("VmRSS:"), remote);
        assertTrue(ProcessCpuTicks.read(agent, SELF) > 0, "this JVM has run");
    }

    @Test
    void descriptorsAndThreadsCountAsLocally() throws IOException {
        long local = ProcFiles.LOCAL.count(SELF + "/fd");
        long remote = agent.count(SELF + "/fd");
        // this JVM opens and closes files of its own meanwhile (the jar, a pipe): a few either way
        assertTrue(Math.abs(local - remote) <= 4, local + " here against " + remote + " through the agent");
        Map<Long, String> threads = agent.perThread(SELF, "schedstat");
        assertTrue(threads.containsKey(SELF), "the main thread's id is the pid: " + threads.keySet());
        threads.values().forEach(SchedStat::parse);
        ProcessSchedStats stats = ProcessSchedStats.read(agent, SELF);
        assertTrue(stats.total().runNanos() > 0);
    }

    @Test
    void aProcessThatIsNotThereIsNoSuchFile() {
        assertThrows(NoSuchFileException.class, () -> agent.read(Integer.MAX_VALUE + "/status"));
        assertThrows(NoSuchFileException.class, () -> agent.count(Integer.MAX_VALUE + "/fd"));
        assertThrows(NoSuchFileException.class, () -> agent.perThread(Integer.MAX_VALUE, "schedstat"));
        IOException gone = assertThrows(IOException.class, () -> ProcessSchedStats.read(agent, Integer.MAX_VALUE));
        assertTrue(gone.getMessage().contains("no process " + Integer.MAX_VALUE), gone.getMessage());
    }

    @Test
    void nothingOutsideProcIsRead() {
        assertThrows(IllegalArgumentException.class, () -> agent.read("../etc/passwd"));
        assertThrows(IllegalArgumentException.class, () -> agent.read("/etc/passwd"));
    }

    @Test
    void aLauncherThatCannotStartIsAClearError() {
        IOException e = assertThrows(IOException.class,
                () -> RemoteProcFiles.start(new ServerLauncher(List.of("sh", "-c", "exit 255", "sh"))));
        assertTrue(e.getMessage().contains("did not answer") && e.getMessage().contains("255"), e.getMessage());
    }
}
