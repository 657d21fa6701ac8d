package org.iobench.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The /proc reading that explains a server which did not stop in time. */
class ThreadStatesTest {
    @Test
    void nameAndStateComeFromAroundTheLastParenthesis() {
        assertArrayEquals(new String[] {"VM Thread", "R"}, ThreadStates.parseStat("4242 (VM Thread) R 1 4242 0 0 -1"));
        // a thread may name itself with parentheses and spaces: the state follows the last ')'
        assertArrayEquals(new String[] {"a) S (b", "D"}, ThreadStates.parseStat("7 (a) S (b) D 1 2 3"));
        assertNull(ThreadStates.parseStat("7 no-parentheses S"));
        assertNull(ThreadStates.parseStat("7 (truncated)"));
    }

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
