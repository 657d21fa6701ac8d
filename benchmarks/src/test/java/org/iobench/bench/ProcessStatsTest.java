package org.iobench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.iobench.bench.measure.ProcessCpuTicks;
import org.iobench.bench.measure.ProcessSchedStats;
import org.iobench.bench.measure.SchedStat;
import org.junit.jupiter.api.Test;

class ProcessStatsTest {

    @Test
    void cpuTicksAreUtimePlusStimeEvenWhenTheCommandNameHasSpacesAndParentheses() {
        // fields: pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime ...
        String stat = "4242 (java (a) b) S 1 4242 4242 0 -1 4194560 5000 0 3 0 1234 567 0 0 20 0 17 0 100 0 0";
        assertEquals(1234 + 567, ProcessCpuTicks.parse(stat));
    }

    @Test
    void cpuSinceAnEarlierReadingIsThePreciseSumWhileEveryThreadLivesAndTheTicksOnceOneEnded() {
        // threads 1, 2, 3 lived; the live-thread sum grew by 12.345 ms, the ticks by 10 ms
        ProcessStats start = new ProcessStats(900_000_000L, 1_000, 3, 900_000_000L, threads(1, 2, 3));
        ProcessStats steady = new ProcessStats(912_345_678L, 1_000, 4, 910_000_000L, threads(1, 2, 3, 4));
        assertEquals(12_345_678L, steady.cpuNanosSince(start), "a thread born is counted from zero: nothing is lost");
        // thread 3 ended with 400 ms behind it: the live sum dropped, the ticks (which keep ended threads) grew by 30 ms
        ProcessStats ended = new ProcessStats(530_000_000L, 1_000, 2, 930_000_000L, threads(1, 2));
        assertEquals(30_000_000L, ended.cpuNanosSince(start));
        // figures without per-thread detail difference plainly
        assertEquals(5L, new ProcessStats(15, 0, 1).cpuNanosSince(new ProcessStats(10, 0, 1)));
    }

    /** Only which threads live matters to the delta's choice; their figures are in cpuNanos. */
    private static ProcessSchedStats threads(long... ids) {
        Map<Long, SchedStat> byThread = new HashMap<>();
        for (long id : ids) byThread.put(id, SchedStat.ZERO);
        return new ProcessSchedStats(1, byThread);
    }

    @Test
    void readingThisJvmGivesItsThreadsAndATickTotalThatCoversThem() throws IOException {
        ProcessStats self = ProcessStats.read(ProcessHandle.current().pid());
        assertTrue(self.schedStats() != null && !self.schedStats().byThread().isEmpty(), self.toString());
        assertTrue(self.allCpuNanos() > 0 && self.cpuNanos() > 0, self.toString());
    }

    @Test
    void aTruncatedStatLineIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> ProcessCpuTicks.parse("1 (x) S 1 2"));
        assertThrows(IllegalArgumentException.class, () -> ProcessCpuTicks.parse("garbage"));
    }

    @Test
    void statusFieldsAreReadByName() {
        String status = "Name:\tjava\nVmPeak:\t  999 kB\nVmRSS:\t   52344 kB\nThreads:\t17\n";
        assertEquals(52344, ProcessStats.parseStatusNumber(status, "VmRSS"));
        assertEquals(17, ProcessStats.parseStatusNumber(status, "Threads"));
        assertThrows(IllegalArgumentException.class, () -> ProcessStats.parseStatusNumber(status, "VmSwap"));
    }

    @Test
    void readsALiveProcess() throws IOException {
        ProcessStats self = ProcessStats.read(ProcessHandle.current().pid());
        assertTrue(self.rssKib() > 1000, "a JVM has more than 1 MiB resident: " + self);
        assertTrue(self.threads() >= 2, "a JVM has several threads: " + self);
        assertTrue(self.cpuNanos() >= 0);
    }

    @Test
    void countsOpenDescriptors() throws IOException {
        long before = ProcessStats.openFiles(ProcessHandle.current().pid());
        java.nio.channels.Pipe pipe = java.nio.channels.Pipe.open();
        try (var source = pipe.source(); var sink = pipe.sink()) {
            assertTrue(ProcessStats.openFiles(ProcessHandle.current().pid()) >= before + 2);
        }
    }
}
