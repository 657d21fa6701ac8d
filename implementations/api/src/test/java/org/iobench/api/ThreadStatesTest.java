package org.iobench.api;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The /proc reading that explains a server which did not stop in time. */
class ThreadStatesTest {
    @Test
    void countsThisJvmsThreadsAndNamesItsSignalDispatcher() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "no /proc here");
        String states = ThreadStates.of(ProcessHandle.current().pid());
        assertTrue(states.matches("\\d+ threads: [A-Za-z] \\d+.*"), states);
        assertTrue(states.contains("Signal Dispatch "), states);
    }

    @Test
    void aProcessThatIsGoneSaysSo() {
        assertTrue(ThreadStates.of(Long.MAX_VALUE).startsWith("thread states unavailable"));
    }
}
