package org.iobench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verdict: ranked on the workload's figure, ties with the best decided by the paired per-round ratio. */
class VerdictTablesTest {
    @TempDir
    Path tmp;

    /** Four models over three rounds at 100 connections, the best (native-epoll-et) also the reference. */
    static Path writeFourModels(Path dir) throws java.io.IOException {
        return FloorRatiosTest.writeThroughputRun(dir, Map.of(
                "native-epoll-et", new double[] {100, 50, 100},
                "nio-selector", new double[] {99, 52, 97},       // ÷ best per round: 0.99, 1.04, 0.97: tied
                "netty-nio", new double[] {80, 40, 80},          // 0.80 in every round: not tied
                "blocking", new double[] {101, 30, 60}));        // 1.01, 0.60, 0.60: one round as good as the best
    }

    @Test
    void modelsTheRoundsCannotTellFromTheBestShareTheStar() throws Exception {
        Path run = writeFourModels(tmp);
        List<String> rows = VerdictTables.lines(RunDir.load(run)).stream().filter(l -> l.startsWith("| ")).toList();
        assertEquals("| | impl | echoes/s | ÷ best | % of native-epoll-et | server CPU µs/echo | memory KiB/conn |", rows.get(0));
        List<String> body = rows.subList(1, rows.size());
        assertTrue(body.get(0).startsWith("| ★ | native-epoll-et | 100 | 1 | 100% |"), body.toString());
        assertTrue(body.get(1).startsWith("| ★ | nio-selector | 97.0 | 0.99 [0.97, 1.04] |"), body.toString());
        assertTrue(body.get(2).startsWith("|  | netty-nio | 80.0 | 0.80 [0.80, 0.80] |"), body.toString());
        // with 3 rounds the interval is [min, max] of the ratios: one round as good as the best is a tie
        // the rounds cannot rule out, however poor the median (more rounds narrow it)
        assertTrue(body.get(3).startsWith("| ★ | blocking | 60.0 | 0.60 [0.60, 1.01] |"), body.toString());
    }

    @Test
    void connectionChurnIsRankedOnConnectionsPerSecondWithItsLatency() throws Exception {
        Path run = FloorRatiosTest.writeThroughputRun(tmp, Map.of(
                "native-epoll-et", new double[] {9_000, 9_100, 8_900},
                "blocking", new double[] {3_000, 3_100, 2_900}));
        Path json = run.resolve(RunDir.JMH_JSON);
        java.nio.file.Files.writeString(json, java.nio.file.Files.readString(json)
                .replace("ThroughputBenchmark", "ChurnBenchmark").replace("\"depth\"", "\"messages\""));
        Fixtures.replan(run, "workloads", 3);
        List<String> lines = VerdictTables.lines(RunDir.load(run));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("**Connection churn (connect, echo, close), payload 64 B, messages 1,"
                + " 100 in flight**: connections/s, highest first")), lines.toString());
        List<String> rows = lines.stream().filter(l -> l.startsWith("| ")).toList();
        assertEquals("| | impl | connections/s | ÷ best | % of native-epoll-et | server CPU µs/connection | p99 µs connect→echo |",
                rows.get(0));
        assertTrue(rows.get(1).startsWith("| ★ | native-epoll-et | 9000 | 1 | 100% |"), rows.toString());
        assertTrue(rows.get(2).startsWith("|  | blocking | 3000 | 0.33 [0.33, 0.34] |"), rows.toString());
    }
}
